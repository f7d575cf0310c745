import { BridgeError } from '../errors.js';
import type { Store } from '../store.js';

/**
 * Counts one hit against `key` and refuses with 429 and `Retry-After` once `max` hits fall in
 * the window. Fixed windows in the store, so every bridge instance shares the count; a refused
 * hit writes nothing.
 */
export async function enforceRateLimit(
  store: Store,
  key: string,
  max: number,
  windowSeconds: number,
  what: string,
): Promise<void> {
  if (windowSeconds <= 0) return;
  const hit = await store.hitRateLimit(key, windowSeconds, max);
  if (hit.allowed) return;
  throw new BridgeError('rate_limited', `Too many ${what}; try again later.`, {
    retryAfterSeconds: (hit.resetAt.getTime() - Date.now()) / 1000,
  });
}
