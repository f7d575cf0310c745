import type { IncomingMessage } from 'node:http';
import { twilioError } from './errors.js';

/** The credentials the emulator accepts. */
export interface TwilioCredentials {
  /** The account SID (`AC…`): the Basic-auth user and the account in every API path. */
  accountSid: string;
  /** The auth token: the Basic-auth password. */
  authToken: string;
}

/**
 * Checks HTTP Basic auth (`AccountSid:AuthToken`) and the account in the path, throwing 401
 * code 20003 as Twilio does. The path is checked too: good credentials used on another
 * account's URL are refused, not served from this one.
 */
export function checkBasicAuth(
  credentials: TwilioCredentials,
  req: IncomingMessage,
  pathAccountSid: string,
): void {
  const header = req.headers.authorization ?? '';
  const [scheme, encoded = ''] = header.split(' ');
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const valid =
    scheme === 'Basic' &&
    colon > 0 &&
    decoded.slice(0, colon) === credentials.accountSid &&
    decoded.slice(colon + 1) === credentials.authToken &&
    pathAccountSid === credentials.accountSid;
  if (!valid) throw twilioError(20003);
}
