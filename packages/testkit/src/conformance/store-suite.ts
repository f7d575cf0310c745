import type { Store } from '@smsbridge/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { codeChecks } from './store/codes.js';
import { expiringChecks } from './store/expiring.js';
import { memberChecks } from './store/members.js';

/** Options of {@link testStore}. */
export interface TestStoreOptions {
  /** A name for the implementation, shown in the test names. */
  name: string;
  /** Makes a fresh, empty store (called once per test file run). */
  create: () => Store | Promise<Store>;
  /**
   * How many records the store holds, all kinds together (documents, rows, map entries). When
   * given, the suite also checks what only a count can show: refused rate-limit hits write
   * nothing, and sweeping removes everything that expired.
   */
  countRecords?: ((store: Store) => Promise<number>) | undefined;
}

/**
 * The `Store` conformance suite: every store implementation runs it unchanged. It checks the
 * behaviour the bridge relies on, races included (parallel calls must behave atomically), and
 * expiry that only time can show (waits of about a second).
 */
export function testStore(options: TestStoreOptions): void {
  describe(`Store conformance: ${options.name}`, () => {
    let store: Store | undefined;
    beforeAll(async () => {
      store = await options.create();
    });
    afterAll(async () => {
      await store?.close?.();
      await store?.close?.();
    });
    const count = options.countRecords;
    const suite = {
      store: () => {
        if (!store) throw new Error('the store was not created');
        return store;
      },
      countRecords: count ? () => count(suite.store()) : undefined,
    };
    memberChecks(suite);
    codeChecks(suite);
    expiringChecks(suite);
  });
}
