import type { MemoryStore } from '@smsbridge/store-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BridgeOptions } from '../src/index.js';
import { type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';
import { type ApiAnswer, client, errorOf, withLatency } from './support/sign-up-client.js';

describe('toll fraud: who /auth will text (signUp)', () => {
  const started: BridgeHarness[] = [];
  const harness = async (options: Partial<BridgeOptions>) => {
    const h = await startBridgeHarness({ rateLimits: { perPhoneIntervalSeconds: 0 }, ...options });
    started.push(h);
    return h;
  };
  afterAll(() => Promise.all(started.map((h) => h.close())));

  it('texts only the default country unless told otherwise: 403 country_not_allowed', async () => {
    const h = await harness({ defaultCountry: 'US' });
    const api = client(h);
    expect(await errorOf(await api.auth('+44 7400 123456'))).toEqual({
      status: 403,
      code: 'country_not_allowed',
    });
    expect(await errorOf(await api.auth('+33 6 12 34 56 78'))).toEqual({
      status: 403,
      code: 'country_not_allowed',
    });
    expect((await api.auth('(415) 555-0701')).status).toBe(202);
    expect(h.twilio.messages.filter((m) => m.source === 'api').map((m) => m.to)).toEqual([
      '+14155550701',
    ]);
  });

  it('refuses every number with neither defaultCountry nor a country list', async () => {
    const h = await harness({ defaultCountry: undefined });
    expect(await errorOf(await client(h).auth('+1 415 555 0702'))).toEqual({
      status: 403,
      code: 'country_not_allowed',
    });
  });

  it('takes a list, or any country', async () => {
    const listed = await harness({ defaultCountry: 'US', signUp: { countries: ['US', 'GB'] } });
    expect((await client(listed).auth('+44 7400 123457')).status).toBe(202);
    expect((await client(listed).auth('+33 6 12 34 56 79')).status).toBe(403);
    const any = await harness({ defaultCountry: undefined, signUp: { countries: 'any' } });
    expect((await client(any).auth('+33 6 12 34 56 79')).status).toBe(202);
  });

  it('texts mobiles only by default: premium, landline, shared cost are 400 number_type_not_allowed', async () => {
    const h = await harness({ signUp: { countries: 'any' } });
    const api = client(h);
    for (const number of [
      '+1 900 234 5678', // US premium rate
      '+44 909 123 4567', // UK 09x premium rate
      '+44 843 123 4567', // UK premium rate (084x)
      '+44 20 7946 0000', // UK landline
      '+44 800 123 4567', // UK freephone
      '+44 55 1234 5678', // UK UAN
    ]) {
      expect(await errorOf(await api.auth(number)), number).toEqual({
        status: 400,
        code: 'number_type_not_allowed',
      });
    }
    expect(h.twilio.messages.filter((m) => m.source === 'api')).toEqual([]);
  });

  it('never texts premium rate, satellite or international networks, whatever the list says', async () => {
    const h = await harness({
      signUp: {
        countries: 'any',
        numberTypes: [
          'MOBILE',
          'FIXED_LINE',
          'FIXED_LINE_OR_MOBILE',
          'PREMIUM_RATE',
          'SHARED_COST',
          'UAN',
          'PAGER',
          'PERSONAL_NUMBER',
          'TOLL_FREE',
          'VOIP',
        ],
      },
    });
    const api = client(h);
    for (const number of ['+1 900 234 5678', '+881 612 345 678', '+870 773 111 632']) {
      expect(await errorOf(await api.auth(number)), number).toEqual({
        status: 400,
        code: 'number_type_not_allowed',
      });
    }
    expect((await api.auth('+44 20 7946 0001')).status).toBe(202); // a listed landline
  });

  it('caps codes per hour for all numbers and per number prefix, with no client IP at all', async () => {
    const h = await harness({
      defaultCountry: 'US',
      signUp: { maxCodesPerHour: 4, maxCodesPerPrefixPerHour: 2 },
    });
    const api = client(h);
    expect((await api.auth('+1 415 555 0711')).status).toBe(202);
    expect((await api.auth('+1 415 555 0712')).status).toBe(202);
    const prefix = await api.auth('+1 415 555 0713');
    expect(await errorOf(prefix.clone())).toEqual({ status: 429, code: 'rate_limited' });
    expect(Number(prefix.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api.auth('+1 212 555 0714')).status).toBe(202);
    expect((await api.auth('+1 646 555 0715')).status).toBe(202);
    const global = await api.auth('+1 718 555 0716');
    expect(await errorOf(global.clone())).toEqual({ status: 429, code: 'rate_limited' });
    expect(Number(global.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(h.twilio.messages.filter((m) => m.source === 'api')).toHaveLength(4);
  });

  it('never repeats a typed number in an answer', async () => {
    const h = await harness({ defaultCountry: 'US' });
    const response = await client(h).auth('+1 415 555 01');
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/555|415/);
  });

  it('warns once, at the first /auth, when the adapter gives no client IP', async () => {
    const h = await harness({ defaultCountry: 'US' });
    const api = client(h);
    await api.auth('+1 415 555 0721');
    await api.auth('+1 415 555 0722');
    await api.auth('+1 415 555 0723');
    expect(h.warnings.filter((w) => /client IP/i.test(w))).toHaveLength(1);
  });
});

describe('what a flood of sign-ups leaves behind (items 10, 11)', () => {
  it('keeps each limit to limit + 1 records, and all of it expires and is swept', async () => {
    const h = await startBridgeHarness({ signUp: { maxCodesPerHour: 5 } });
    const size = () => (h.store as MemoryStore).size();
    const before = size();
    const api = client(h);
    for (let i = 0; i < 60; i += 1) await api.auth(`+1 415 555 ${String(1000 + i)}`);
    for (let i = 0; i < 60; i += 1) await api.auth('+1 415 555 1000');
    expect(h.twilio.messages.filter((m) => m.source === 'api')).toHaveLength(5);
    // Per number: its two counters and, once texted, its code. Shared: the range and the hour.
    expect(size() - before).toBeLessThanOrEqual(60 * 2 + 5 + 2);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2 * 3600_000);
      await h.store.sweepExpired();
      expect(size()).toBe(before);
    } finally {
      vi.useRealTimers();
      await h.close();
    }
  });
});

describe('a pending code belongs to its phone (items 3, 7, 8)', () => {
  let h: BridgeHarness;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    h = await startBridgeHarness({
      defaultCountry: 'US',
      rateLimits: { perPhoneIntervalSeconds: 0, perPhonePerHour: 50 },
    });
    api = client(h);
  });
  afterAll(() => h.close());

  it("a third party's /auth re-sends the same code and cannot rename the sign-up", async () => {
    const phone = '+14155550731';
    expect((await api.auth(phone, 'Ada Lovelace')).status).toBe(202);
    expect((await api.auth(phone, 'Mallory')).status).toBe(202);
    const codes = api.codesTo(phone);
    expect(codes).toHaveLength(2);
    expect(codes[1]).toBe(codes[0]);
    const response = await api.verify({ phone, code: codes[0] ?? '' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as ApiAnswer).user?.name).toBe('Ada Lovelace');
  });

  it('the name given to /auth/verify wins over the one given to /auth', async () => {
    const phone = '+14155550732';
    await api.auth(phone, 'Mallory');
    const response = await api.verify({ phone, code: api.lastCode(phone), name: 'Bob Builder' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as ApiAnswer).user?.name).toBe('Bob Builder');
  });

  it('a retry after the chat failed succeeds with the same code', async () => {
    const phone = '+14155550734';
    await api.auth(phone);
    const code = api.lastCode(phone);
    h.stream.addFault({ method: 'POST', path: /^\/channels\//, status: 503, times: 1 });
    expect(await errorOf(await api.verify({ phone, code }))).toEqual({
      status: 503,
      code: 'upstream_unavailable',
    });
    const retry = await api.verify({ phone, code });
    expect(retry.status).toBe(200);
    expect(await h.store.getMemberByPhone(phone)).toMatchObject({ verified: true });
  });
});

describe('one code, one sign-up (item 7)', () => {
  let h: BridgeHarness;
  beforeAll(async () => {
    // A store with a database's round trip, so the five verifications really interleave.
    h = await startBridgeHarness({ defaultCountry: 'US' }, { wrapStore: withLatency(5) });
  });
  afterAll(() => h.close());

  it('lets one of five racing verifications of one code succeed', async () => {
    const api = client(h);
    const phone = '+14155550733';
    await api.auth(phone);
    const code = api.lastCode(phone);
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.verify({ phone, code })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });
});
