import type { Collection } from 'mongodb';
import { isDuplicateKey, type Op, type TallyDoc } from './collections.js';

/**
 * Counts one event in `series` and returns its number (1, 2, 3, …), exactly once per call even
 * when calls race across instances: each number is an insert against a unique `_id`, and a
 * duplicate key means another caller took it, so this one tries the next. Numbers stop at `max`:
 * once it is taken, a call writes nothing and returns `max`, so a series never holds more than
 * `max` documents however many calls are refused.
 */
export async function countOne(
  tallies: Collection<TallyDoc>,
  series: string,
  expiresAt: Date,
  max: number,
  op: Op,
): Promise<number> {
  for (let n = (await tallies.countDocuments({ series }, op)) + 1; n <= max; n += 1) {
    try {
      await tallies.insertOne({ _id: `${series}|${n}`, series, n, expiresAt }, op);
      return n;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return max;
}
