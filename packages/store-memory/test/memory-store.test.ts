import { testStore } from '@smsbridge/testkit/conformance';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../src/index.js';

testStore({ name: 'memory', create: () => createMemoryStore() });

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

  it('sweeps expired dedupe keys, codes and counters', async () => {
    const store = createMemoryStore({ sweepIntervalMs: 20 });
    await store.claimKey('k', 0.01);
    await store.saveCode({
      phone: '+14155550100',
      codeHash: 'h',
      name: 'n',
      expiresAt: new Date(Date.now() + 10),
    });
    await store.hitRateLimit('r', 0.01);
    await new Promise((resolve) => setTimeout(resolve, 80));
    // A swept key is claimable again, a swept code is gone, a swept counter starts over.
    expect(await store.claimKey('k', 60)).toBe(true);
    expect(await store.recordCodeAttempt('+14155550100')).toBeUndefined();
    expect((await store.hitRateLimit('r', 60)).count).toBe(1);
    await store.close?.();
  });
});
