import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a code is valid, and how many guesses it allows. */
export const CODE_TTL_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 5;

/** A uniformly random 6-digit code. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * The stored form of a code: a hash bound to the phone, so a leaked store reveals no codes
 * and a code for one number is worthless for another.
 */
export function hashCode(phone: string, code: string): string {
  return createHash('sha256').update(`smsbridge-verification:${phone}:${code}`).digest('hex');
}

/** Compares a guess with the stored hash in constant time. */
export function codeMatches(phone: string, guess: string, storedHash: string): boolean {
  const guessed = Buffer.from(hashCode(phone, guess));
  const stored = Buffer.from(storedHash);
  return guessed.length === stored.length && timingSafeEqual(guessed, stored);
}
