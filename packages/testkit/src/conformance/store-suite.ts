import type { Member, Store } from '@smsbridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Options of {@link testStore}. */
export interface TestStoreOptions {
  /** A name for the implementation, shown in the test names. */
  name: string;
  /** Makes a fresh, empty store (called once per test file run). */
  create: () => Store | Promise<Store>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let sequence = 0;
/** A fresh E.164 number per test, so tests never see each other's members. */
function phone(): string {
  sequence += 1;
  return `+1415555${String(1000 + (sequence % 9000)).padStart(4, '0')}`;
}
const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * The `Store` conformance suite: every store implementation runs it unchanged. It checks the
 * behaviour the bridge relies on, races included (parallel calls must behave atomically), and
 * expiry that only time can show (waits of about a second).
 */
export function testStore(options: TestStoreOptions): void {
  describe(`Store conformance: ${options.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await options.create();
    });
    afterAll(async () => {
      await store.close?.();
      await store.close?.();
    });

    describe('members', () => {
      it('creates a member with the given id, active, and finds it by phone and id', async () => {
        const number = phone();
        const id = unique('m');
        const created = await store.upsertMember({
          phone: number,
          name: 'Ada',
          verified: true,
          newId: id,
        });
        expect(created).toMatchObject({
          id,
          phone: number,
          name: 'Ada',
          status: 'active',
          verified: true,
        });
        expect(created.createdAt).toBeInstanceOf(Date);
        expect(await store.getMemberByPhone(number)).toEqual(created);
        expect(await store.getMemberById(id)).toEqual(created);
        expect(await store.getMemberByPhone(phone())).toBeUndefined();
        expect(await store.getMemberById(unique('nobody'))).toBeUndefined();
      });

      it('updates name, image and verified of an existing member, keeping id, status and createdAt', async () => {
        const number = phone();
        const first = await store.upsertMember({
          phone: number,
          name: 'Bo',
          verified: false,
          newId: unique('m'),
        });
        await store.setMemberStatus(number, 'opted_out');
        await sleep(5);
        const second = await store.upsertMember({
          phone: number,
          name: 'Bo Builder',
          verified: true,
          image: 'https://example.com/bo.png',
          newId: unique('other'),
        });
        expect(second).toMatchObject({
          id: first.id,
          name: 'Bo Builder',
          verified: true,
          image: 'https://example.com/bo.png',
          status: 'opted_out',
        });
        expect(second.createdAt.getTime()).toBe(first.createdAt.getTime());
        expect(second.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
      });

      it('creates exactly one member when sign-ups for one phone race', async () => {
        const number = phone();
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.upsertMember({
              phone: number,
              name: `Racer ${i}`,
              verified: true,
              newId: unique(`r${i}`),
            }),
          ),
        );
        expect(new Set(results.map((member) => member.id)).size).toBe(1);
        const all = await store.listMembers();
        expect(all.filter((member) => member.phone === number)).toHaveLength(1);
      });

      it('sets a member opted out and back; an unknown phone gives undefined', async () => {
        const number = phone();
        await store.upsertMember({ phone: number, name: 'Cy', verified: true, newId: unique('m') });
        expect(await store.setMemberStatus(number, 'opted_out')).toMatchObject({
          status: 'opted_out',
        });
        expect((await store.getMemberByPhone(number))?.status).toBe('opted_out');
        expect(await store.setMemberStatus(number, 'active')).toMatchObject({ status: 'active' });
        expect(await store.setMemberStatus(phone(), 'opted_out')).toBeUndefined();
      });

      it('hands out copies: changing a returned member does not change the store', async () => {
        const number = phone();
        const member: Member = await store.upsertMember({
          phone: number,
          name: 'Di',
          verified: true,
          newId: unique('m'),
        });
        member.name = 'Mallory';
        member.status = 'opted_out';
        expect(await store.getMemberByPhone(number)).toMatchObject({
          name: 'Di',
          status: 'active',
        });
      });
    });

    describe('dedupe keys', () => {
      it('lets exactly one of many parallel claims win', async () => {
        const key = unique('dedupe');
        const results = await Promise.all(
          Array.from({ length: 50 }, () => store.claimKey(key, 60)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.claimKey(key, 60)).toBe(false);
      });

      it('frees a key when released and when its time to live has passed', async () => {
        const released = unique('released');
        expect(await store.claimKey(released, 60)).toBe(true);
        await store.releaseKey(released);
        expect(await store.claimKey(released, 60)).toBe(true);

        const expiring = unique('expiring');
        expect(await store.claimKey(expiring, 1)).toBe(true);
        expect(await store.claimKey(expiring, 1)).toBe(false);
        await sleep(1_100);
        expect(await store.claimKey(expiring, 1)).toBe(true);
      });
    });

    describe('verification codes', () => {
      it('counts attempts, resets them when a new code is saved, and deletes', async () => {
        const number = phone();
        const expiresAt = new Date(Date.now() + 600_000);
        await store.saveCode({ phone: number, codeHash: 'hash-1', name: 'Eve', expiresAt });
        expect(await store.recordCodeAttempt(number)).toMatchObject({
          codeHash: 'hash-1',
          name: 'Eve',
          attempts: 1,
        });
        expect((await store.recordCodeAttempt(number))?.attempts).toBe(2);
        await store.saveCode({ phone: number, codeHash: 'hash-2', name: 'Eve', expiresAt });
        expect(await store.recordCodeAttempt(number)).toMatchObject({
          codeHash: 'hash-2',
          attempts: 1,
        });
        await store.deleteCode(number);
        expect(await store.recordCodeAttempt(number)).toBeUndefined();
        expect(await store.recordCodeAttempt(phone())).toBeUndefined();
      });

      it('counts every one of parallel attempts', async () => {
        const number = phone();
        await store.saveCode({
          phone: number,
          codeHash: 'h',
          name: 'Fay',
          expiresAt: new Date(Date.now() + 600_000),
        });
        const attempts = await Promise.all(
          Array.from({ length: 10 }, () => store.recordCodeAttempt(number)),
        );
        expect(attempts.map((code) => code?.attempts).sort((a = 0, b = 0) => a - b)).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        ]);
      });

      it('treats an expired code as absent', async () => {
        const number = phone();
        await store.saveCode({
          phone: number,
          codeHash: 'h',
          name: 'Gus',
          expiresAt: new Date(Date.now() - 1),
        });
        expect(await store.recordCodeAttempt(number)).toBeUndefined();
      });
    });

    describe('rate limits', () => {
      it('counts hits per key in a window, atomically', async () => {
        const key = unique('rate');
        const before = Date.now();
        const hits = await Promise.all(
          Array.from({ length: 20 }, () => store.hitRateLimit(key, 3600)),
        );
        expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        // Fixed windows, started by the first hit or aligned to the clock: either way the
        // window ends after now and at most one window from now.
        const resetAt = hits[0]?.resetAt.getTime() ?? 0;
        expect(resetAt).toBeGreaterThan(before);
        expect(resetAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
        expect((await store.hitRateLimit(unique('other'), 3600)).count).toBe(1);
      });

      it('starts counting again when the window has passed', async () => {
        const key = unique('window');
        const first = await store.hitRateLimit(key, 1);
        expect(first.count).toBe(1);
        await sleep(Math.max(0, first.resetAt.getTime() - Date.now()) + 50);
        expect((await store.hitRateLimit(key, 1)).count).toBe(1);
      });
    });

    describe('delivery records', () => {
      it('saves and updates the delivery state of a text', async () => {
        const sid = unique('SM');
        await store.saveDelivery({
          messageSid: sid,
          memberId: 'm1',
          status: 'queued',
          updatedAt: new Date(),
        });
        expect(await store.getDelivery(sid)).toMatchObject({
          messageSid: sid,
          memberId: 'm1',
          status: 'queued',
        });
        await store.saveDelivery({
          messageSid: sid,
          memberId: 'm1',
          status: 'undelivered',
          errorCode: 30003,
          updatedAt: new Date(),
        });
        expect(await store.getDelivery(sid)).toMatchObject({
          status: 'undelivered',
          errorCode: 30003,
        });
        expect(await store.getDelivery(unique('SM'))).toBeUndefined();
      });
    });
  });
}
