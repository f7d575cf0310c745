import { testStore } from '@smsbridge/testkit/conformance';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../src/index.js';

testStore({
  name: 'memory',
  create: () => createMemoryStore(),
  countRecords: async (store) => (store as MemoryStore).size(),
});

describe('memory store specifics', () => {
  it('warns once when NODE_ENV is production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.fn();
    const first = createMemoryStore({ warn });
    const second = createMemoryStore({ warn });
    vi.unstubAllEnvs();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/store-mongo/);
    await first.close?.();
    await second.close?.();
  });

  it('sweeps expired records on its next write once the interval has passed, with no timer', async () => {
    const store = createMemoryStore({ sweepIntervalMs: 20 });
    await store.claimKey('k', 0.01);
    await store.issueCode({
      phone: '+14155550100',
      code: '123456',
      name: 'n',
      expiresAt: new Date(Date.now() + 10),
    });
    await store.hitRateLimit('r', 0.01, 5);
    await store.saveDelivery({
      messageSid: 'SM1',
      memberId: 'm',
      status: 'sent',
      updatedAt: new Date(),
      expiresAt: new Date(Date.now() + 10),
    });
    expect(store.size()).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(store.size()).toBe(4); // reads and time alone sweep nothing
    await store.claimKey('next', 60);
    expect(store.size()).toBe(1);
    await store.close?.();
  });
});

describe('memory store bound (maxExpiringRecords)', () => {
  const delivery = (sid: string, expiresInMs: number) => ({
    messageSid: sid,
    memberId: 'm',
    status: 'queued',
    updatedAt: new Date(),
    expiresAt: new Date(Date.now() + expiresInMs),
  });

  it('evicts the records closest to expiry first, a tenth of the bound at a time', async () => {
    const warn = vi.fn();
    const store = createMemoryStore({ maxExpiringRecords: 20, warn });
    // Key k<i> expires after 1000 + i seconds: k0 first.
    for (let i = 0; i < 20; i += 1) expect(await store.claimKey(`k${i}`, 1000 + i)).toBe(true);
    expect(store.size()).toBe(20);
    expect(warn).not.toHaveBeenCalled();
    expect(await store.claimKey('k20', 2000)).toBe(true);
    // Down to nine tenths (18) before the new key: k0 and k1 went, the rest are held.
    expect(store.size()).toBe(19);
    for (let i = 2; i <= 20; i += 1) expect(await store.claimKey(`k${i}`, 1)).toBe(false);
    expect(await store.claimKey('k0', 1)).toBe(true);
    expect(store.size()).toBe(20);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/maxExpiringRecords \(20\)/);
    await store.close?.();
  });

  it('weighs every kind of record by its expiry, and never evicts members', async () => {
    const store = createMemoryStore({ maxExpiringRecords: 4, warn() {} });
    for (let i = 0; i < 20; i += 1) {
      await store.upsertMember({
        phone: `+1415555${String(i).padStart(4, '0')}`,
        name: `Member ${i}`,
        verified: true,
        newId: `member-${i}`,
      });
    }
    await store.saveDelivery(delivery('SM-late', 3_600_000));
    await store.hitRateLimit('counter', 60, 5);
    await store.issueCode({
      phone: '+14155550100',
      code: '123456',
      name: 'n',
      expiresAt: new Date(Date.now() + 30_000),
    });
    await store.claimKey('key', 600);
    expect(store.size()).toBe(24);
    // Full: the code (30 s) is closest to expiry, so it goes to make room for one more.
    await store.saveDelivery(delivery('SM-new', 3_600_000));
    expect(store.size()).toBe(24);
    expect(await store.consumeCode('+14155550100', '123456')).toBeUndefined();
    expect(await store.getDelivery('SM-late')).toBeDefined();
    expect(await store.getDelivery('SM-new')).toBeDefined();
    expect((await store.hitRateLimit('counter', 60, 5)).count).toBe(2);
    expect(await store.claimKey('key', 600)).toBe(false);
    expect(await store.listMembers()).toHaveLength(20);
    // Updating a record it holds adds nothing, so nothing is evicted.
    await store.saveDelivery({ ...delivery('SM-late', 3_600_000), status: 'delivered' });
    expect((await store.getDelivery('SM-late'))?.status).toBe('delivered');
    expect(await store.claimKey('key', 600)).toBe(false);
    await store.close?.();
  });

  it('sweeps what has expired before evicting anything live', async () => {
    const warn = vi.fn();
    const store = createMemoryStore({ maxExpiringRecords: 10, warn });
    for (let i = 0; i < 5; i += 1) await store.claimKey(`short${i}`, 0.001);
    for (let i = 0; i < 5; i += 1) await store.claimKey(`long${i}`, 600);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await store.claimKey('one-more', 600)).toBe(true);
    expect(store.size()).toBe(6);
    for (let i = 0; i < 5; i += 1) expect(await store.claimKey(`long${i}`, 600)).toBe(false);
    expect(warn).not.toHaveBeenCalled();
    await store.close?.();
  });

  it('plateaus at the bound however many records come, warning once', async () => {
    const warn = vi.fn();
    const store = createMemoryStore({ maxExpiringRecords: 1_000, warn });
    let most = 0;
    for (let i = 0; i < 20_000; i += 1) {
      await store.claimKey(`sms:SM${i}`, 86_400);
      most = Math.max(most, store.size());
    }
    expect(most).toBe(1_000);
    // The newest keys are held: they expire last.
    expect(await store.claimKey('sms:SM19999', 86_400)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    await store.close?.();
  });

  it('is off with Infinity, and refuses a bound that is not a whole number of at least 1', async () => {
    const store = createMemoryStore({ maxExpiringRecords: Infinity });
    for (let i = 0; i < 2_000; i += 1) await store.claimKey(`k${i}`, 600);
    expect(store.size()).toBe(2_000);
    await store.close?.();
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createMemoryStore({ maxExpiringRecords: bad })).toThrow(/maxExpiringRecords/);
    }
  });
});
