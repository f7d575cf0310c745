import * as z from 'zod';
import { BridgeError } from '../errors.js';
import { parseJsonBody } from '../http/json-body.js';
import type { RouteRequest } from '../http/router.js';
import { displayName } from '../policy/names.js';
import { normalizePhone } from '../policy/phone.js';
import type { CallContext } from './context.js';
import { completeSignUp } from './sign-up.js';
import { codeMatches, MAX_CODE_ATTEMPTS } from './verification-code.js';

const verifyBody = z.object({
  phone: z.string().min(1).max(32),
  code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code'),
  /** The name to sign up with; without it, the one given to the `/auth` that created the code. */
  name: displayName.optional(),
});

/**
 * `POST /auth/verify {phone, code, name?}`: count the guess atomically (5 per code) → compare in
 * constant time → sign up (store member, chat user, channel membership; each step idempotent) →
 * consume the code, atomically, last → 200 with a token. Consuming last means a retry after a
 * chat or store failure succeeds with the same code, and of parallel verifications of one code
 * exactly one gets a token. Wrong, expired, used or exhausted codes are all 401 `invalid_code`.
 */
export async function authVerifyRoute(
  route: RouteRequest,
  context: CallContext,
): Promise<Response> {
  const { config } = context;
  const body = parseJsonBody(route, verifyBody, 'verification');
  const phone = await normalizePhone(body.phone, config.defaultCountry);
  const invalid = new BridgeError(
    'invalid_code',
    'The code is wrong or has expired; ask for a new one.',
  );
  const pending = await config.store.recordCodeAttempt(phone, MAX_CODE_ATTEMPTS);
  if (!pending || pending.attempts > MAX_CODE_ATTEMPTS || !codeMatches(body.code, pending.code))
    throw invalid;
  const signedUp = await completeSignUp(config, phone, body.name ?? pending.name);
  if (!(await config.store.consumeCode(phone, body.code))) throw invalid;
  return Response.json(signedUp);
}
