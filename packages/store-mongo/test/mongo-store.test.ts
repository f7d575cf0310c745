import { nameKey } from '@smsbridge/core';
import { testStore } from '@smsbridge/testkit/conformance';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createMongoStore } from '../src/index.js';
import { mongoUri, uniqueDbName } from './support/mongo-server.js';

const uri = await mongoUri();
const client = new MongoClient(uri ?? 'mongodb://unused', { serverSelectionTimeoutMS: 5_000 });
afterAll(() => client.close());

/** Every document in a database, all collections together (what the suite's count sees). */
async function countDocuments(dbName: string): Promise<number> {
  const db = client.db(dbName);
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const counts = await Promise.all(names.map((name) => db.collection(name).countDocuments()));
  return counts.reduce((sum, count) => sum + count, 0);
}

if (uri) {
  const dbName = uniqueDbName('conformance');
  testStore({
    name: 'mongodb',
    create: () => createMongoStore({ uri, dbName }),
    countRecords: () => countDocuments(dbName),
  });
}

describe.skipIf(!uri)('mongo store: what it writes', () => {
  const dbName = uniqueDbName('direct');
  const store = createMongoStore({ client, dbName, collectionPrefix: 'app_' });
  const db = () => client.db(dbName);
  afterAll(async () => {
    await store.close?.();
    await store.close?.();
  });

  it('keeps one member document per phone with its name key, behind indexes', async () => {
    await store.upsertMember({
      phone: '+14155552001',
      name: 'Ida',
      verified: true,
      newId: 'sms-ida',
    });
    await store.upsertMember({
      phone: '+14155552001',
      name: 'Ida  B_Wells',
      verified: true,
      newId: 'sms-other',
    });
    const docs = await db().collection('app_members').find({ phone: '+14155552001' }).toArray();
    expect(docs).toEqual([
      expect.objectContaining({
        id: 'sms-ida',
        name: 'Ida  B_Wells',
        nameKey: 'ida b wells',
        status: 'active',
        verified: true,
      }),
    ]);
    const indexes = await db().collection('app_members').indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: { phone: 1 }, unique: true }),
        expect.objectContaining({ key: { id: 1 }, unique: true }),
        expect.objectContaining({ key: { nameKey: 1 } }),
      ]),
    );
    await expect(
      db().collection('app_members').insertOne({ phone: '+14155552001', id: 'dup' }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('keeps the code itself, and leaves no code document once it is consumed', async () => {
    const phone = '+14155552002';
    await store.issueCode({
      phone,
      code: '246810',
      name: 'Jo',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const codes = db().collection('app_verification_codes');
    expect(await codes.findOne({ _id: phone as never })).toMatchObject({
      code: '246810',
      name: 'Jo',
      codeId: expect.any(String),
    });
    await Promise.all(Array.from({ length: 10 }, () => store.consumeCode(phone, '246810')));
    expect(await codes.countDocuments({ phone })).toBe(0);
    expect(await store.recordCodeAttempt(phone, 5)).toBeUndefined();
  });

  it('holds at most limit + 1 documents in a flooded rate-limit window', async () => {
    const hits = await Promise.all(
      Array.from({ length: 40 }, () => store.hitRateLimit('auth-ip:203.0.113.1', 3600, 5)),
    );
    expect(hits.filter((hit) => hit.allowed)).toHaveLength(5);
    const tallies = await db()
      .collection('app_tallies')
      .find({ series: { $regex: '^rate:auth-ip:203\\.0\\.113\\.1\\|' } })
      .toArray();
    expect(tallies).toHaveLength(6);
    expect(tallies.map((tally) => tally.n).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tallies[0]?.expiresAt).toEqual(hits[0]?.resetAt);
  });

  it('stores dedupe keys and delivery records with their expiry', async () => {
    const before = Date.now();
    expect(await store.claimKey('sms:SM123', 3600)).toBe(true);
    const key = await db()
      .collection('app_dedupe_keys')
      .findOne({ _id: 'sms:SM123' as never });
    expect(Number(key?.expiresAt)).toBeGreaterThanOrEqual(before + 3_599_000);

    const expiresAt = new Date(Date.now() + 60_000);
    await store.saveDelivery({
      messageSid: 'SM456',
      memberId: 'sms-ida',
      status: 'sent',
      updatedAt: new Date(),
      expiresAt,
    });
    expect(
      await db()
        .collection('app_deliveries')
        .findOne({ _id: 'SM456' as never }),
    ).toMatchObject({ status: 'sent', expiresAt });
  });

  it('takes a client the app already has (or a promise of one) and leaves it open', async () => {
    const viaPromise = createMongoStore({
      client: Promise.resolve(client),
      dbName,
      collectionPrefix: 'app_',
    });
    expect(await viaPromise.getMemberById('sms-ida')).toMatchObject({ phone: '+14155552001' });
    await viaPromise.close?.();
    expect(await db().collection('app_members').countDocuments()).toBeGreaterThan(0);
  });

  it('names the fix when neither uri nor client is given, or timeoutMS is not a duration', () => {
    expect(() => createMongoStore({})).toThrow(
      '[smsbridge] [store-mongo] Missing option "uri" or "client".',
    );
    expect(() => createMongoStore({ client, timeoutMS: 0 })).toThrow(
      '[smsbridge] [store-mongo] Option "timeoutMS" must be a positive number of milliseconds.',
    );
  });
});

describe.skipIf(!uri)('mongo store: documents written by v1', () => {
  it('fills in what v1 did not write when it starts: name keys, delivery expiry', async () => {
    const dbName = uniqueDbName('v1');
    const db = client.db(dbName);
    const now = new Date();
    await db.collection('smsbridge_members').insertMany([
      {
        id: 'sms-old',
        name: 'Ada  Lovelace',
        phone: '+14155552101',
        status: 'active',
        verified: true,
        createdAt: now,
        updatedAt: now,
      },
      {
        id: 'sms-new',
        name: 'Ada King',
        phone: '+14155552102',
        status: 'active',
        verified: true,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await db
      .collection('smsbridge_deliveries')
      .insertOne({ _id: 'SMold' as never, memberId: 'sms-old', status: 'sent', updatedAt: now });
    await db.collection('smsbridge_verification_codes').insertOne({
      _id: '+14155552101' as never,
      codeId: 'v1-code',
      phone: '+14155552101',
      codeHash: 'f'.repeat(64),
      name: 'Ada',
      expiresAt: new Date(Date.now() + 60_000),
      createdAt: now,
    });

    const store = createMongoStore({ client, dbName });
    try {
      const found = await store.findMembersByName(nameKey('ada lovelace'), 'exact', 5);
      expect(found.map((member) => member.id)).toEqual(['sms-old']);
      expect((await store.findMembersByName('ada', 'prefix', 5)).map((m) => m.id).sort()).toEqual([
        'sms-new',
        'sms-old',
      ]);
      expect(
        await db.collection('smsbridge_members').countDocuments({ nameKey: { $exists: false } }),
      ).toBe(0);
      expect(await store.getDelivery('SMold')).toMatchObject({
        status: 'sent',
        expiresAt: expect.any(Date),
      });
      // A v1 code kept only a hash: it counts as no code, and a new one replaces it.
      expect(await store.recordCodeAttempt('+14155552101', 5)).toBeUndefined();
      expect(
        await store.issueCode({
          phone: '+14155552101',
          code: '135790',
          name: 'Ada',
          expiresAt: new Date(Date.now() + 60_000),
        }),
      ).toMatchObject({ code: '135790', attempts: 0 });
    } finally {
      await store.close?.();
    }
  });
});
