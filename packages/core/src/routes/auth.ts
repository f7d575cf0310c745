import { z } from 'zod';
import { BridgeError, SmsSendError } from '../errors.js';
import type { RouteRequest } from '../http/router.js';
import { invalidRequest } from '../http/zod-error.js';
import { normalizePhone } from '../policy/phone.js';
import { fillTemplate } from '../policy/sms-text.js';
import type { CallContext } from './context.js';
import { enforceRateLimit } from './rate-limit.js';
import { completeSignUp } from './sign-up.js';
import {
  CODE_TTL_MINUTES,
  codeMatches,
  hashCode,
  MAX_CODE_ATTEMPTS,
  newCode,
} from './verification-code.js';

const authBody = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^\p{Cc}@]+$/u, 'must not contain "@" or control characters'),
  phone: z.string().min(1).max(32),
});

const verifyBody = z.object({
  phone: z.string().min(1).max(32),
  code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code'),
});

function parseJson<T>(route: RouteRequest, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(route.rawBody));
  } catch {
    throw new BridgeError('invalid_json', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidRequest(parsed.error, what);
  return parsed.data;
}

/**
 * `POST /auth {name, phone}`: rate-limit by IP and phone → normalise the phone → text a 6-digit
 * code (stored hashed, 10 minutes, 5 guesses) → 202. With `verification: 'none'` it signs the
 * member up at once (demos only: anyone could claim any number).
 */
export async function authRoute(route: RouteRequest, context: CallContext): Promise<Response> {
  const { config } = context;
  const { store, rateLimits } = config;
  const body = parseJson(route, authBody, 'sign-up');
  if (context.clientIp) {
    await enforceRateLimit(
      store,
      `auth-ip:${context.clientIp}`,
      rateLimits.perIpPerHour,
      3600,
      'sign-ups from this address',
    );
  }
  const phone = normalizePhone(body.phone, config.defaultCountry);
  await enforceRateLimit(
    store,
    `auth-phone-interval:${phone}`,
    1,
    rateLimits.perPhoneIntervalSeconds,
    'codes for this number',
  );
  await enforceRateLimit(
    store,
    `auth-phone-hour:${phone}`,
    rateLimits.perPhonePerHour,
    3600,
    'codes for this number',
  );

  if (config.verification === 'none')
    return Response.json(await completeSignUp(config, phone, body.name));

  const code = newCode();
  await store.saveCode({
    phone,
    codeHash: hashCode(phone, code),
    name: body.name,
    expiresAt: new Date(Date.now() + CODE_TTL_MINUTES * 60_000),
  });
  try {
    await config.sms.send({
      to: phone,
      body: fillTemplate(config.messages.verificationCode, {
        code,
        minutes: String(CODE_TTL_MINUTES),
        channel: config.channel.name ?? config.channel.id,
      }),
    });
  } catch (error) {
    await store.deleteCode(phone).catch(() => {});
    if (!(error instanceof SmsSendError)) throw error;
    throw new BridgeError('sms_failed', 'The code could not be texted to this number.', {
      cause: error,
    });
  }
  return Response.json({ status: 'code_sent' }, { status: 202 });
}

/**
 * `POST /auth/verify {phone, code}`: count the guess atomically → compare in constant time → sign
 * up (store member, chat user, channel membership) → 200 with a token. Wrong, expired or
 * exhausted codes are all 401 `invalid_code`.
 */
export async function authVerifyRoute(
  route: RouteRequest,
  context: CallContext,
): Promise<Response> {
  const { config } = context;
  const body = parseJson(route, verifyBody, 'verification');
  const phone = normalizePhone(body.phone, config.defaultCountry);
  const invalid = new BridgeError(
    'invalid_code',
    'The code is wrong or has expired; ask for a new one.',
  );
  const pending = await config.store.recordCodeAttempt(phone);
  if (!pending) throw invalid;
  if (pending.attempts > MAX_CODE_ATTEMPTS) {
    await config.store.deleteCode(phone);
    throw invalid;
  }
  if (!codeMatches(phone, body.code, pending.codeHash)) throw invalid;
  await config.store.deleteCode(phone);
  return Response.json(await completeSignUp(config, phone, pending.name));
}
