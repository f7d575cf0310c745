import { randomInt, timingSafeEqual } from 'node:crypto';

/** How long a code is valid, and how many guesses it allows. */
export const CODE_TTL_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 5;

/** A uniformly random 6-digit code. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Compares a guess with the code in constant time. */
export function codeMatches(guess: string, code: string): boolean {
  const guessed = Buffer.from(guess);
  const stored = Buffer.from(code);
  return guessed.length === stored.length && timingSafeEqual(guessed, stored);
}
