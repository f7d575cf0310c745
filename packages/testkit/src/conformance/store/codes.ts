import { describe, expect, it } from 'vitest';
import { phone, type StoreSuiteContext, sleep } from './context.js';

const inTenMinutes = () => new Date(Date.now() + 600_000);

/** Verification codes: issue once per validity, count attempts, consume atomically. */
export function codeChecks(suite: StoreSuiteContext): void {
  const store = () => suite.store();

  describe('verification codes', () => {
    it('keeps a valid code when another is issued, and replaces an expired one', async () => {
      const number = phone();
      const first = await store().issueCode({
        phone: number,
        code: '111111',
        name: 'Ada',
        expiresAt: inTenMinutes(),
      });
      expect(first).toMatchObject({ phone: number, code: '111111', name: 'Ada', attempts: 0 });
      expect(first.createdAt).toBeInstanceOf(Date);
      await store().recordCodeAttempt(number, 5);
      const again = await store().issueCode({
        phone: number,
        code: '222222',
        name: 'Mallory',
        expiresAt: inTenMinutes(),
      });
      expect(again).toMatchObject({ code: '111111', name: 'Ada', attempts: 1 });

      const expiring = phone();
      await store().issueCode({
        phone: expiring,
        code: '333333',
        name: 'Old',
        expiresAt: new Date(Date.now() - 1),
      });
      expect(
        await store().issueCode({
          phone: expiring,
          code: '444444',
          name: 'New',
          expiresAt: inTenMinutes(),
        }),
      ).toMatchObject({ code: '444444', name: 'New', attempts: 0 });
    });

    it('issues one code when issues for one phone race', async () => {
      const number = phone();
      const issued = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().issueCode({
            phone: number,
            code: String(100000 + i),
            name: `N${i}`,
            expiresAt: inTenMinutes(),
          }),
        ),
      );
      expect(new Set(issued.map((code) => code.code)).size).toBe(1);
    });

    it('counts every one of parallel attempts, and none past the maximum + 1', async () => {
      const number = phone();
      await store().issueCode({
        phone: number,
        code: '123456',
        name: 'Fay',
        expiresAt: inTenMinutes(),
      });
      const attempts = await Promise.all(
        Array.from({ length: 10 }, () => store().recordCodeAttempt(number, 20)),
      );
      expect(attempts.map((code) => code?.attempts).sort((a = 0, b = 0) => a - b)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
      const capped = phone();
      await store().issueCode({
        phone: capped,
        code: '123456',
        name: 'Gil',
        expiresAt: inTenMinutes(),
      });
      for (let i = 0; i < 9; i += 1) await store().recordCodeAttempt(capped, 3);
      expect((await store().recordCodeAttempt(capped, 3))?.attempts).toBe(4);
    });

    it('treats an expired code as absent', async () => {
      const number = phone();
      await store().issueCode({
        phone: number,
        code: '123456',
        name: 'Gus',
        expiresAt: new Date(Date.now() - 1),
      });
      expect(await store().recordCodeAttempt(number, 5)).toBeUndefined();
      expect(await store().consumeCode(number, '123456')).toBeUndefined();
      expect(await store().recordCodeAttempt(phone(), 5)).toBeUndefined();
    });

    it('consumes a code only with the right code, once', async () => {
      const number = phone();
      await store().issueCode({
        phone: number,
        code: '654321',
        name: 'Hal',
        expiresAt: inTenMinutes(),
      });
      expect(await store().consumeCode(number, '000000')).toBeUndefined();
      expect(await store().consumeCode(number, '654321')).toMatchObject({
        phone: number,
        code: '654321',
        name: 'Hal',
      });
      expect(await store().consumeCode(number, '654321')).toBeUndefined();
      expect(await store().recordCodeAttempt(number, 5)).toBeUndefined();
    });

    it('lets exactly one of many parallel consumptions of one code succeed', async () => {
      for (let round = 0; round < 3; round += 1) {
        const number = phone();
        await store().issueCode({
          phone: number,
          code: '777777',
          name: 'Ivy',
          expiresAt: inTenMinutes(),
        });
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store().consumeCode(number, '777777')),
        );
        expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
        await sleep(1);
      }
    });
  });
}
