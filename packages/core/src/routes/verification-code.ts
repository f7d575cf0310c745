import { constantTimeEqual, randomDigits } from '../web/crypto.js';

/** How long a code is valid, and how many guesses it allows. */
export const CODE_TTL_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 5;

/** A uniformly random 6-digit code. */
export function newCode(): string {
  return randomDigits(6);
}

/** Compares a guess with the code in constant time. */
export function codeMatches(guess: string, code: string): boolean {
  return constantTimeEqual(guess, code);
}
