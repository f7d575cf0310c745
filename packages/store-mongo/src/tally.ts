import type { Collection } from 'mongodb';
import { isDuplicateKey, type TallyDoc } from './collections.js';

/**
 * Counts one event in `series` and returns its number (1, 2, 3, …), exactly once per call even
 * when calls race across instances: each number is an insert against a unique `_id`, and a
 * duplicate key means another caller took it, so this one tries the next.
 */
export async function countOne(
  tallies: Collection<TallyDoc>,
  series: string,
  expiresAt: Date,
): Promise<number> {
  let n = (await tallies.countDocuments({ series })) + 1;
  for (let tries = 0; tries < 1_000; tries += 1, n += 1) {
    try {
      await tallies.insertOne({ _id: `${series}|${n}`, series, n, expiresAt });
      return n;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new Error(`[smsbridge] [store-mongo] Could not count an event in "${series}".`);
}
