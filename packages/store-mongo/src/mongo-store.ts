import type { Member, RateLimitHit, Store } from '@smsbridge/core';
import type { MongoClient } from 'mongodb';
import { consumeCode, issueCode, recordCodeAttempt } from './codes.js';
import {
  isDuplicateKey,
  type Op,
  type StoreCollections,
  storeCollections,
  upsertRacing,
} from './collections.js';
import { lazyDatabase } from './connection.js';
import { bounded } from './deadline.js';
import { ensureIndexes, sweepExpired } from './indexes.js';
import { findMembersByName, setMemberStatus, toMember, upsertMember } from './members.js';
import { migrateV1Documents } from './migrate.js';
import { countOne } from './tally.js';

/** Options of {@link createMongoStore}. */
export interface MongoStoreOptions {
  /** A `MongoClient` the app already has (or a promise of one). The store never closes it. */
  client?: MongoClient | Promise<MongoClient> | undefined;
  /** A connection string, when the store should open (and close) its own client. */
  uri?: string | undefined;
  /** Database name. Default: the one in the URI, else the driver's default (`test`). */
  dbName?: string | undefined;
  /** Prefix of the store's collection names. Default `smsbridge_`. */
  collectionPrefix?: string | undefined;
  /** How often expired documents are swept on servers without TTL indexes. Default 60 s. */
  sweepIntervalMs?: number | undefined;
  /**
   * The longest any store call may take, in milliseconds, the first one's index creation
   * included. Default 5000. A database that is down, or hung (it accepts connections but never
   * answers), makes the call reject by then, so the bridge answers 503 and Twilio or Stream
   * retries, instead of the webhook hanging past their patience.
   *
   * It bounds the store's calls whatever client they run on: the store aborts each call's
   * driver operations through an `AbortSignal` at the deadline (mongodb's own `timeoutMS` has
   * no effect in driver 7). With `uri`, the client the store creates also selects servers and
   * connects within this time. With `client`, your client's settings are left alone: a short
   * `serverSelectionTimeoutMS` there makes a database that is down fail sooner still.
   */
  timeoutMS?: number | undefined;
}

/**
 * The MongoDB store: state shared by every bridge instance (Lambdas, replicas) over one database.
 * Every write that can race is decided by an insert against a unique key (a dedupe key, a
 * numbered tally, a code, a consumed-code marker); a duplicate-key error means another instance
 * got there first. That holds on servers whose `$inc` and `findOneAndUpdate` are not atomic
 * under concurrency (FerretDB).
 */
export function createMongoStore(options: MongoStoreOptions): Store {
  const timeoutMS = options.timeoutMS ?? 5_000;
  if (!(Number.isFinite(timeoutMS) && timeoutMS > 0)) {
    throw new Error(
      '[smsbridge] [store-mongo] Option "timeoutMS" must be a positive number of milliseconds.',
    );
  }
  const database = lazyDatabase(options, timeoutMS);
  const prefix = options.collectionPrefix ?? 'smsbridge_';
  let ready: Promise<StoreCollections> | undefined;
  let sweeper: ReturnType<typeof setInterval> | undefined;

  // Indexes and the v1 migration run within the first call's deadline; cut short, they are
  // tried again (and go on where they stopped) on the next call.
  const collections = (op: Op) => {
    ready ??= (async () => {
      const found = storeCollections(await database.db(), prefix);
      const ttlSupported = await ensureIndexes(found, op);
      await migrateV1Documents(found, op);
      if (!ttlSupported && !sweeper) {
        sweeper = setInterval(
          () => bounded(timeoutMS, (signal) => sweepExpired(found, { signal })).catch(() => {}),
          options.sweepIntervalMs ?? 60_000,
        );
        sweeper.unref();
      }
      return found;
    })().catch((error: unknown) => {
      ready = undefined; // a database that was down at first use is tried again next time
      throw error;
    });
    return ready;
  };
  const run = <T>(work: (collections: StoreCollections, op: Op) => Promise<T>): Promise<T> =>
    bounded(timeoutMS, async (signal) => {
      const op: Op = { signal };
      return work(await collections(op), op);
    });

  return {
    getMemberByPhone: (phone) =>
      run(async ({ members }, op) => toMember(await members.findOne({ phone }, op))),
    getMemberById: (id) =>
      run(async ({ members }, op) => toMember(await members.findOne({ id }, op))),
    listMembers: () =>
      run(async ({ members }, op) =>
        (await members.find({}, op).toArray()).map((doc) => toMember(doc) as Member),
      ),
    findMembersByName: (key, match, limit) =>
      run(({ members }, op) => findMembersByName(members, key, match, limit, op)),
    upsertMember: (input) => run(({ members }, op) => upsertMember(members, input, op)),
    setMemberStatus: (phone, status) =>
      run(({ members }, op) => setMemberStatus(members, phone, status, op)),

    claimKey: (key, ttlSeconds) =>
      run(async ({ keys }, op) => {
        const now = new Date();
        // Only inserts decide, against the unique _id: free an expired holder, then insert.
        await keys.deleteOne({ _id: key, expiresAt: { $lte: now } }, op);
        try {
          const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
          await keys.insertOne({ _id: key, expiresAt }, op);
          return true;
        } catch (error) {
          if (isDuplicateKey(error)) return false;
          throw error;
        }
      }),
    releaseKey: (key) =>
      run(async ({ keys }, op) => {
        await keys.deleteOne({ _id: key }, op);
      }),

    issueCode: (code) => run((found, op) => issueCode(found, code, op)),
    recordCodeAttempt: (phone, maxAttempts) =>
      run((found, op) => recordCodeAttempt(found, phone, maxAttempts, op)),
    consumeCode: (phone, code) => run((found, op) => consumeCode(found, phone, code, op)),

    hitRateLimit: (key, windowSeconds, limit) =>
      run(async ({ tallies }, op): Promise<RateLimitHit> => {
        // Fixed windows aligned to the epoch, so every instance agrees on which window a hit is in.
        const windowMs = windowSeconds * 1000;
        const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
        const resetAt = new Date(windowStart + windowMs);
        const series = `rate:${key}|${windowStart}`;
        const count = await countOne(tallies, series, resetAt, limit + 1, op);
        return { allowed: count <= limit, count, resetAt };
      }),

    saveDelivery: (record) =>
      run(async ({ deliveries }, op) => {
        const { messageSid, ...fields } = record;
        // An `errorCode: undefined` is no error code: left out, not stored as null.
        await upsertRacing(() =>
          deliveries.replaceOne({ _id: messageSid }, fields, {
            ...op,
            upsert: true,
            ignoreUndefined: true,
          }),
        );
      }),
    getDelivery: (messageSid) =>
      run(async ({ deliveries }, op) => {
        const doc = await deliveries.findOne(
          { _id: messageSid, expiresAt: { $gt: new Date() } },
          op,
        );
        if (!doc) return undefined;
        const { _id, ...fields } = doc;
        return { messageSid: _id, ...fields };
      }),

    sweepExpired: () => run((found, op) => sweepExpired(found, op)),

    async close() {
      if (sweeper) clearInterval(sweeper);
      await database.close();
    },
  };
}
