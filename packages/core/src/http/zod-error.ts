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
