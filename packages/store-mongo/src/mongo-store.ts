import { randomUUID } from 'node:crypto';
import type { DeliveryRecord, Member, MemberInput, RateLimitHit, Store } from '@smsbridge/core';
import type { MongoClient } from 'mongodb';
import {
  isDuplicateKey,
  type MemberDoc,
  type StoreCollections,
  storeCollections,
} from './collections.js';
import { lazyDatabase } from './connection.js';
import { ensureIndexes, sweepExpired } from './indexes.js';
import { countOne } from './tally.js';

/** Options of {@link createMongoStore}. */
export interface MongoStoreOptions {
  /** A `MongoClient` the app already has (or a promise of one). The store never closes it. */
  client?: MongoClient | Promise<MongoClient>;
  /** A connection string, when the store should open (and close) its own client. */
  uri?: string;
  /** Database name. Default: the one in the URI, else the driver's default (`test`). */
  dbName?: string;
  /** Prefix of the store's collection names. Default `smsbridge_`. */
  collectionPrefix?: string;
  /** How often expired documents are swept on servers without TTL indexes. Default 60 s. */
  sweepIntervalMs?: number;
}

function toMember(doc: MemberDoc | null): Member | undefined {
  if (!doc) return undefined;
  const member: Member = {
    id: doc.id,
    name: doc.name,
    phone: doc.phone,
    status: doc.status,
    verified: doc.verified,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
  if (doc.image !== undefined) member.image = doc.image;
  return member;
}

/**
 * The MongoDB store: state shared by every bridge instance (Lambdas, replicas) over one database.
 * Every write that can race is one atomic operation against a unique key (an upsert, a
 * `findOneAndUpdate`); a duplicate-key error means another instance got there first.
 */
export function createMongoStore(options: MongoStoreOptions): Store {
  const database = lazyDatabase(options);
  const prefix = options.collectionPrefix ?? 'smsbridge_';
  let ready: Promise<StoreCollections> | undefined;
  let sweeper: ReturnType<typeof setInterval> | undefined;

  const collections = () => {
    ready ??= (async () => {
      const found = storeCollections(await database.db(), prefix);
      if (!(await ensureIndexes(found))) {
        sweeper = setInterval(
          () => sweepExpired(found).catch(() => {}),
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

  return {
    async getMemberByPhone(phone) {
      return toMember(await (await collections()).members.findOne({ phone }));
    },
    async getMemberById(id) {
      return toMember(await (await collections()).members.findOne({ id }));
    },
    async listMembers() {
      const docs = await (await collections()).members.find({}).toArray();
      return docs.map((doc) => toMember(doc) as Member);
    },
    async upsertMember(input: MemberInput) {
      const { members } = await collections();
      const now = new Date();
      const set: Partial<MemberDoc> = {
        name: input.name,
        verified: input.verified,
        updatedAt: now,
      };
      if (input.image !== undefined) set.image = input.image;
      const upsert = () =>
        members.findOneAndUpdate(
          { phone: input.phone },
          {
            $set: set,
            $setOnInsert: { id: input.newId, phone: input.phone, status: 'active', createdAt: now },
          },
          { upsert: true, returnDocument: 'after' },
        );
      try {
        return toMember(await upsert()) as Member;
      } catch (error) {
        // Two first sign-ups raced to insert; the loser now finds the winner's member and updates it.
        if (!isDuplicateKey(error)) throw error;
        return toMember(await upsert()) as Member;
      }
    },
    async setMemberStatus(phone, status) {
      const { members } = await collections();
      const doc = await members.findOneAndUpdate(
        { phone },
        { $set: { status, updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
      return toMember(doc);
    },

    async claimKey(key, ttlSeconds) {
      const { keys } = await collections();
      const now = new Date();
      // Only inserts decide, against the unique _id: free an expired holder, then insert.
      await keys.deleteOne({ _id: key, expiresAt: { $lte: now } });
      try {
        await keys.insertOne({ _id: key, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async releaseKey(key) {
      await (await collections()).keys.deleteOne({ _id: key });
    },

    async saveCode(code) {
      const { codes } = await collections();
      await codes.replaceOne(
        { _id: code.phone },
        { ...code, codeId: randomUUID(), createdAt: new Date() },
        { upsert: true },
      );
    },
    async recordCodeAttempt(phone) {
      const { codes, tallies } = await collections();
      const doc = await codes.findOne({ _id: phone, expiresAt: { $gt: new Date() } });
      if (!doc) return undefined;
      const attempts = await countOne(tallies, `code:${doc.codeId}`, doc.expiresAt);
      const { _id, codeId, ...code } = doc;
      return { ...code, attempts };
    },
    async deleteCode(phone) {
      await (await collections()).codes.deleteOne({ _id: phone });
    },

    async hitRateLimit(key, windowSeconds): Promise<RateLimitHit> {
      const { tallies } = await collections();
      // Fixed windows aligned to the epoch, so every instance agrees on which window a hit is in.
      const windowMs = windowSeconds * 1000;
      const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
      const resetAt = new Date(windowStart + windowMs);
      const count = await countOne(tallies, `rate:${key}|${windowStart}`, resetAt);
      return { count, resetAt };
    },

    async saveDelivery(record: DeliveryRecord) {
      const { deliveries } = await collections();
      const { messageSid, ...fields } = record;
      await deliveries.replaceOne({ _id: messageSid }, fields, { upsert: true });
    },
    async getDelivery(messageSid) {
      const doc = await (await collections()).deliveries.findOne({ _id: messageSid });
      if (!doc) return undefined;
      const { _id, ...fields } = doc;
      return { messageSid: _id, ...fields };
    },

    async close() {
      if (sweeper) clearInterval(sweeper);
      await database.close();
    },
  };
}
