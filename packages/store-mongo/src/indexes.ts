import { EXPIRING, type Op, type StoreCollections } from './collections.js';

/**
 * Creates the indexes the store's atomicity and lookups rest on: unique phone and unique member
 * id (one member per phone even when sign-ups race), the name key (`@Name` lookups cost the same
 * with any number of members), and TTL indexes so MongoDB deletes expired keys, codes, counters
 * and delivery records. Returns whether TTL indexes are supported: FerretDB, for one, refuses
 * `expireAfterSeconds`, and then the store sweeps expired documents itself. Expiry is always
 * checked on read as well, since even MongoDB's TTL monitor runs only once a minute.
 */
export async function ensureIndexes(collections: StoreCollections, op: Op): Promise<boolean> {
  await collections.members.createIndex({ phone: 1 }, { ...op, unique: true });
  await collections.members.createIndex({ id: 1 }, { ...op, unique: true });
  await collections.members.createIndex({ nameKey: 1 }, op);
  await collections.tallies.createIndex({ series: 1, n: 1 }, op);
  let ttlSupported = true;
  for (const name of EXPIRING) {
    try {
      await collections[name].createIndex({ expiresAt: 1 }, { ...op, expireAfterSeconds: 0 });
    } catch (error) {
      if (!/not implemented|not supported/i.test((error as Error).message)) throw error;
      ttlSupported = false;
      await collections[name].createIndex({ expiresAt: 1 }, op);
    }
  }
  return ttlSupported;
}

/** Deletes every expired document: what TTL indexes do, for servers without them and on demand. */
export async function sweepExpired(collections: StoreCollections, op: Op): Promise<void> {
  const now = new Date();
  await Promise.all(
    EXPIRING.map((name) => collections[name].deleteMany({ expiresAt: { $lte: now } }, op)),
  );
}
