import { testStore } from '@smsbridge/testkit/conformance';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createMongoStore } from '../src/index.js';
import { mongoUri, uniqueDbName } from './support/mongo-server.js';

const uri = await mongoUri();

if (uri) {
  testStore({
    name: 'mongodb',
    create: () => createMongoStore({ uri, dbName: uniqueDbName('conformance') }),
  });
}

describe.skipIf(!uri)('mongo store: what it writes', () => {
  const dbName = uniqueDbName('direct');
  const client = new MongoClient(uri ?? 'mongodb://unused', { serverSelectionTimeoutMS: 5_000 });
  const store = createMongoStore({ client, dbName, collectionPrefix: 'app_' });
  const db = () => client.db(dbName);
  afterAll(async () => {
    await store.close?.();
    await store.close?.();
    await client.close();
  });

  it('keeps one member document per phone, behind unique indexes on phone and id', async () => {
    await store.upsertMember({
      phone: '+14155552001',
      name: 'Ida',
      verified: true,
      newId: 'sms-ida',
    });
    await store.upsertMember({
      phone: '+14155552001',
      name: 'Ida B.',
      verified: true,
      newId: 'sms-other',
    });
    const docs = await db().collection('app_members').find({ phone: '+14155552001' }).toArray();
    expect(docs).toEqual([
      expect.objectContaining({ id: 'sms-ida', name: 'Ida B.', status: 'active', verified: true }),
    ]);
    const indexes = await db().collection('app_members').indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: { phone: 1 }, unique: true }),
        expect.objectContaining({ key: { id: 1 }, unique: true }),
      ]),
    );
    await expect(
      db().collection('app_members').insertOne({ phone: '+14155552001', id: 'dup' }),
    ).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('stores codes only as hashes, and dedupe keys and counters with their expiry', async () => {
    await store.saveCode({
      phone: '+14155552002',
      codeHash: 'f'.repeat(64),
      name: 'Jo',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const code = await db()
      .collection('app_verification_codes')
      .findOne({ _id: '+14155552002' as never });
    expect(code).toMatchObject({
      codeHash: 'f'.repeat(64),
      name: 'Jo',
      codeId: expect.any(String),
    });
    expect(JSON.stringify(code)).not.toMatch(/"code"/);

    const before = Date.now();
    expect(await store.claimKey('sms:SM123', 3600)).toBe(true);
    const key = await db()
      .collection('app_dedupe_keys')
      .findOne({ _id: 'sms:SM123' as never });
    expect(key?.expiresAt).toBeInstanceOf(Date);
    expect(Number(key?.expiresAt)).toBeGreaterThanOrEqual(before + 3_599_000);

    const hit = await store.hitRateLimit('auth-ip:203.0.113.1', 3600);
    const tallies = await db()
      .collection('app_tallies')
      .find({ series: { $regex: '^rate:auth-ip:203\\.0\\.113\\.1\\|' } })
      .toArray();
    expect(tallies).toEqual([expect.objectContaining({ n: 1, expiresAt: hit.resetAt })]);
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

  it('names the fix when neither uri nor client is given', () => {
    expect(() => createMongoStore({})).toThrow(
      '[smsbridge] [store-mongo] Missing option "uri" or "client".',
    );
  });
});
