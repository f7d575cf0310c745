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
