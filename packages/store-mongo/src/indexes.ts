import { EXPIRING, type StoreCollections } from './collections.js';

/**
 * Creates the indexes the store's atomicity rests on: unique phone and unique member id (one
 * member per phone even when sign-ups race), and TTL indexes so MongoDB deletes expired keys,
 * codes and counters. Returns whether TTL indexes are supported: FerretDB, for one, refuses
 * `expireAfterSeconds`, and then the store sweeps expired documents itself. Expiry is always
 * checked on read as well, since even MongoDB's TTL monitor runs only once a minute.
 */
export async function ensureIndexes(collections: StoreCollections): Promise<boolean> {
  await collections.members.createIndex({ phone: 1 }, { unique: true });
  await collections.members.createIndex({ id: 1 }, { unique: true });
  await collections.tallies.createIndex({ series: 1, n: 1 });
  let ttlSupported = true;
  for (const { name, field } of EXPIRING) {
    try {
      await collections[name].createIndex({ [field]: 1 }, { expireAfterSeconds: 0 });
    } catch (error) {
      if (!/not implemented|not supported/i.test((error as Error).message)) throw error;
      ttlSupported = false;
      await collections[name].createIndex({ [field]: 1 });
    }
  }
  return ttlSupported;
}

/** Deletes expired documents (for servers without TTL indexes). */
export async function sweepExpired(collections: StoreCollections, now = new Date()): Promise<void> {
  await Promise.all(
    EXPIRING.map(({ name, field }) =>
      collections[name].deleteMany({ [field]: { $lte: now } } as never),
    ),
  );
}
