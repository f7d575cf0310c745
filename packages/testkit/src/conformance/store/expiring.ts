import { describe, expect, it } from 'vitest';
import { type StoreSuiteContext, sleep, unique } from './context.js';

/** Dedupe keys, rate limits, delivery records, and the sweep that removes what expired. */
export function expiringChecks(suite: StoreSuiteContext): void {
  const store = () => suite.store();

  describe('dedupe keys', () => {
    it('lets exactly one of many parallel claims win', async () => {
      const key = unique('dedupe');
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store().claimKey(key, 60)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store().claimKey(key, 60)).toBe(false);
    });

    it('frees a key when released and when its time to live has passed', async () => {
      const released = unique('released');
      expect(await store().claimKey(released, 60)).toBe(true);
      await store().releaseKey(released);
      expect(await store().claimKey(released, 60)).toBe(true);

      const expiring = unique('expiring');
      expect(await store().claimKey(expiring, 1)).toBe(true);
      expect(await store().claimKey(expiring, 1)).toBe(false);
      await sleep(1_100);
      expect(await store().claimKey(expiring, 1)).toBe(true);
    });
  });

  describe('rate limits', () => {
    it('counts hits per key in a window, atomically, allowing `limit` of them', async () => {
      const key = unique('rate');
      const before = Date.now();
      const hits = await Promise.all(
        Array.from({ length: 20 }, () => store().hitRateLimit(key, 3600, 100)),
      );
      expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      expect(hits.every((hit) => hit.allowed)).toBe(true);
      // Fixed windows, started by the first hit or aligned to the clock: either way the
      // window ends after now and at most one window from now.
      const resetAt = hits[0]?.resetAt.getTime() ?? 0;
      expect(resetAt).toBeGreaterThan(before);
      expect(resetAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
      expect((await store().hitRateLimit(unique('other'), 3600, 100)).count).toBe(1);
    });

    it('refuses past the limit, also when hits race, and refused hits write nothing', async () => {
      const key = unique('flood');
      const before = await suite.countRecords?.();
      const hits = await Promise.all(
        Array.from({ length: 40 }, () => store().hitRateLimit(key, 3600, 5)),
      );
      expect(hits.filter((hit) => hit.allowed)).toHaveLength(5);
      for (let i = 0; i < 20; i += 1) {
        expect(await store().hitRateLimit(key, 3600, 5)).toMatchObject({
          allowed: false,
          count: 6,
        });
      }
      if (before !== undefined && suite.countRecords) {
        // A window holds at most limit + 1 records, however many hits were refused.
        expect((await suite.countRecords()) - before).toBeLessThanOrEqual(6);
      }
    });

    it('starts counting again when the window has passed', async () => {
      const key = unique('window');
      const first = await store().hitRateLimit(key, 1, 1);
      expect(first).toMatchObject({ count: 1, allowed: true });
      await sleep(Math.max(0, first.resetAt.getTime() - Date.now()) + 50);
      expect(await store().hitRateLimit(key, 1, 1)).toMatchObject({ count: 1, allowed: true });
    });
  });

  describe('delivery records', () => {
    it('saves and updates the delivery state of a text, and forgets it once expired', async () => {
      const sid = unique('SM');
      const expiresAt = new Date(Date.now() + 600_000);
      await store().saveDelivery({
        messageSid: sid,
        memberId: 'm1',
        status: 'queued',
        updatedAt: new Date(),
        expiresAt,
      });
      expect(await store().getDelivery(sid)).toMatchObject({
        messageSid: sid,
        memberId: 'm1',
        status: 'queued',
      });
      await store().saveDelivery({
        messageSid: sid,
        memberId: 'm1',
        status: 'undelivered',
        errorCode: 30003,
        updatedAt: new Date(),
        expiresAt,
      });
      expect(await store().getDelivery(sid)).toMatchObject({
        status: 'undelivered',
        errorCode: 30003,
      });
      expect((await store().getDelivery(sid))?.expiresAt.getTime()).toBe(expiresAt.getTime());
      expect(await store().getDelivery(unique('SM'))).toBeUndefined();

      const old = unique('SM');
      await store().saveDelivery({
        messageSid: old,
        memberId: 'm1',
        status: 'delivered',
        updatedAt: new Date(),
        expiresAt: new Date(Date.now() - 1),
      });
      expect(await store().getDelivery(old)).toBeUndefined();
    });

    it('takes an errorCode given as undefined as none', async () => {
      const sid = unique('SM');
      await store().saveDelivery({
        messageSid: sid,
        memberId: 'm1',
        status: 'delivered',
        errorCode: undefined,
        updatedAt: new Date(),
        expiresAt: new Date(Date.now() + 600_000),
      });
      const saved = await store().getDelivery(sid);
      expect(saved).toMatchObject({ status: 'delivered' });
      expect(saved?.errorCode).toBeUndefined();
    });
  });

  describe('expiry', () => {
    it('sweeps away every kind of record once it has expired', async () => {
      await store().sweepExpired();
      const before = await suite.countRecords?.();
      const soon = () => new Date(Date.now() + 800);
      await store().claimKey(unique('sweep'), 0.8);
      await store().issueCode({
        phone: '+14155559999',
        code: '999999',
        name: 'S',
        expiresAt: soon(),
      });
      await store().hitRateLimit(unique('sweep'), 1, 3);
      await store().saveDelivery({
        messageSid: unique('SM'),
        memberId: 'm',
        status: 'sent',
        updatedAt: new Date(),
        expiresAt: soon(),
      });
      if (before !== undefined && suite.countRecords) {
        expect(await suite.countRecords()).toBeGreaterThanOrEqual(before + 4);
      }
      await sleep(2_100);
      await store().sweepExpired();
      if (before !== undefined && suite.countRecords) {
        expect(await suite.countRecords()).toBeLessThanOrEqual(before);
      }
      expect(await store().recordCodeAttempt('+14155559999', 5)).toBeUndefined();
    });
  });
}
