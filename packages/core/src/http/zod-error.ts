import type { z } from 'zod';
import { BridgeError } from '../errors.js';

/** A 400 naming the first field zod refused, so the caller knows what to fix. */
export function invalidRequest(error: z.ZodError, what: string): BridgeError {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : what;
  return new BridgeError(
    'invalid_request',
    `Invalid ${what}: "${field}" ${issue?.message ?? 'is invalid'}.`,
  );
}

/**
 * A configuration error for a factory's options, naming the package part and the option:
 * `[smsbridge] [core/twilio] Invalid option "accountSid": must start with "AC".`
 */
export function invalidOptions(error: z.ZodError, scope: string): Error {
  const issue = error.issues[0];
  const option = issue?.path.length ? ` "${issue.path.join('.')}"` : 's';
  return new Error(
    `[smsbridge] [${scope}] Invalid option${option}: ${issue?.message ?? 'invalid'}.`,
  );
}
