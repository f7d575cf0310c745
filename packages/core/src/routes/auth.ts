import * as z from 'zod';
import { BridgeError, SmsSendError } from '../errors.js';
import { parseJsonBody } from '../http/json-body.js';
import type { RouteRequest } from '../http/router.js';
import { displayName } from '../policy/names.js';
import { parsePhone } from '../policy/phone.js';
import { checkSignUpNumber } from '../policy/sign-up-numbers.js';
import { fillTemplate } from '../policy/sms-text.js';
import type { CallContext } from './context.js';
import { sendText } from './send-text.js';
import { completeSignUp } from './sign-up.js';
import { enforceSignUpLimits } from './sign-up-limits.js';
import { CODE_TTL_MINUTES, MAX_CODE_ATTEMPTS, newCode } from './verification-code.js';

const authBody = z.object({
  name: displayName,
  phone: z.string().min(1).max(32),
});

/**
 * `POST /auth {name, phone}`: parse the number → refuse countries and kinds of number that may
 * not sign up (403/400) → the limits (429) → text the code in force: a new one, or, while one is
 * valid, the same one again (so a stranger's `/auth` for your number cannot invalidate or rename
 * yours) → 202. With `verification: 'none'` it signs the member up at once (demos only: anyone
 * could claim any number).
 */
export async function authRoute(route: RouteRequest, context: CallContext): Promise<Response> {
  const { config } = context;
  const body = parseJsonBody(route, authBody, 'sign-up');
  const phone = await parsePhone(body.phone, config.defaultCountry);
  checkSignUpNumber(phone, config.signUp);
  await enforceSignUpLimits(context, phone);

  if (config.verification === 'none')
    return Response.json(await completeSignUp(config, phone.e164, body.name));

  const pending = await config.store.issueCode({
    phone: phone.e164,
    code: newCode(),
    name: body.name,
    expiresAt: new Date(Date.now() + CODE_TTL_MINUTES * 60_000),
  });
  // Used up by wrong guesses: it can never verify, so texting it again would only cost a text.
  // Refused until it expires, as an unused one would be re-sent until then.
  if (pending.attempts >= MAX_CODE_ATTEMPTS) {
    throw new BridgeError(
      'rate_limited',
      'Too many wrong codes for this number; try again later.',
      {
        retryAfterSeconds: (pending.expiresAt.getTime() - Date.now()) / 1000,
      },
    );
  }
  const minutesLeft = Math.max(1, Math.ceil((pending.expiresAt.getTime() - Date.now()) / 60_000));
  try {
    await sendText(context, {
      to: phone.e164,
      body: fillTemplate(config.messages.verificationCode, {
        code: pending.code,
        minutes: String(minutesLeft),
        channel: config.channel.name ?? config.channel.id,
      }),
    });
  } catch (error) {
    // The provider refusing this number is the caller's problem (502); it being down is ours.
    if (!(error instanceof SmsSendError && error.permanent)) throw error;
    throw new BridgeError('sms_failed', 'The code could not be texted to this number.', {
      cause: error,
    });
  }
  return Response.json({ status: 'code_sent' }, { status: 202 });
}
