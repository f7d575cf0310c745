import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('POST /auth and /auth/verify (verification by code)', () => {
  let h: BridgeHarness;
  const call = (path: string, body: unknown) => fetch(`${h.server.url}${path}`, json(body));
  const codeSentTo = (phone: string) => {
    const text = h.twilio.messages.filter((m) => m.to === phone).at(-1)?.body ?? '';
    return /\b(\d{6})\b/.exec(text)?.[1] ?? '';
  };

  beforeAll(async () => {
    h = await startBridgeHarness({
      defaultCountry: 'US',
      rateLimits: { perPhoneIntervalSeconds: 0 },
    });
  });
  afterAll(() => h.close());

  it('texts a 6-digit code to the normalised number and keeps it for ten minutes', async () => {
    const response = await call('/auth', { name: 'Ada Lovelace', phone: '(415) 555-0401' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'code_sent' });
    const text = h.twilio.messages.at(-1);
    expect(text).toMatchObject({ to: '+14155550401', from: '+15005550006' });
    expect(text?.body).toMatch(/^Your Chatty Kathy code is \d{6}\. It expires in 10 minutes\.$/);
    const pending = await h.store.recordCodeAttempt('+14155550401', 5);
    expect(pending?.code).toBe(codeSentTo('+14155550401'));
    expect((pending?.expiresAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(9 * 60_000);
  });

  it('signs up with the right code: member, chat user without the phone, channel, token', async () => {
    const wrong = await call('/auth/verify', {
      phone: '+1 415 555 0401',
      code: '000000' === codeSentTo('+14155550401') ? '111111' : '000000',
    });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('invalid_code');

    const response = await call('/auth/verify', {
      phone: '415-555-0401',
      code: codeSentTo('+14155550401'),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      user: { id: expect.stringMatching(/^sms-/), name: 'Ada Lovelace' },
      token: expect.any(String),
      channel: { type: 'messaging', id: 'chatty-kathy', name: 'Chatty Kathy' },
    });
    expect(await h.store.getMemberByPhone('+14155550401')).toMatchObject({
      id: body.user.id,
      verified: true,
    });
    const chatUser = h.stream.getUser(body.user.id);
    expect(chatUser).toMatchObject({ name: 'Ada Lovelace' });
    expect(JSON.stringify(chatUser)).not.toContain('555');
    const { members } = await h.streamServer.channel('messaging', 'chatty-kathy').queryMembers({});
    expect(members.map((m) => m.user_id)).toContain(body.user.id);

    const exp = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString()).exp;
    expect(exp - Date.now() / 1000).toBeGreaterThan(24 * 3600 - 60);
    const client = new StreamChat('bridge-key', {
      baseURL: h.stream.url,
      allowServerSideConnect: true,
    });
    await expect(client.connectUser({ id: body.user.id }, body.token)).resolves.toBeTruthy();
    await client.disconnectUser();

    const reused = await call('/auth/verify', {
      phone: '+14155550401',
      code: codeSentTo('+14155550401'),
    });
    expect(reused.status).toBe(401);
  });

  it('keeps the member id on a second sign-up and updates the name', async () => {
    const first = await h.store.getMemberByPhone('+14155550401');
    await call('/auth', { name: 'Ada King', phone: '+14155550401' });
    const response = await call('/auth/verify', {
      phone: '+14155550401',
      code: codeSentTo('+14155550401'),
    });
    expect((await response.json()).user).toEqual({ id: first?.id, name: 'Ada King' });
  });

  it('burns the code after 5 wrong guesses, even if the 6th is right', async () => {
    await call('/auth', { name: 'Bob', phone: '+14155550402' });
    const code = codeSentTo('+14155550402');
    const wrongCode = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i += 1) {
      expect((await call('/auth/verify', { phone: '+14155550402', code: wrongCode })).status).toBe(
        401,
      );
    }
    expect((await call('/auth/verify', { phone: '+14155550402', code })).status).toBe(401);
  });

  it('texts no used-up code again: /auth answers 429 until it expires', async () => {
    await call('/auth', { name: 'Cy', phone: '+14155550404' });
    const code = codeSentTo('+14155550404');
    const wrongCode = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 6; i += 1)
      await call('/auth/verify', { phone: '+14155550404', code: wrongCode });
    const texts = h.twilio.messages.filter((m) => m.to === '+14155550404').length;
    const again = await call('/auth', { name: 'Cy', phone: '+14155550404' });
    expect(again.status).toBe(429);
    expect((await again.json()).error.code).toBe('rate_limited');
    const retryAfter = Number(again.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(9 * 60);
    expect(retryAfter).toBeLessThanOrEqual(10 * 60);
    expect(h.twilio.messages.filter((m) => m.to === '+14155550404')).toHaveLength(texts);
  });

  it('refuses an expired code', async () => {
    await h.store.issueCode({
      phone: '+14155550403',
      code: '123456',
      name: 'Late',
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await call('/auth/verify', { phone: '+14155550403', code: '123456' })).status).toBe(
      401,
    );
  });

  it.each([
    ['an invalid phone', { name: 'X', phone: '12' }, 400, 'invalid_phone'],
    ['malformed JSON', '{"name":', 400, 'invalid_json'],
    ['an operator-injection object', { name: 'X', phone: { $gt: '' } }, 400, 'invalid_request'],
    ['a name with @', { name: '@everyone', phone: '+14155550404' }, 400, 'invalid_request'],
    ['a missing name', { phone: '+14155550404' }, 400, 'invalid_request'],
  ])('refuses %s', async (_what, body, status, code) => {
    const response = await call('/auth', body);
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  it('refuses a malformed code with 400', async () => {
    const response = await call('/auth/verify', { phone: '+14155550401', code: '12ab56' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('code'),
    });
  });

  it('answers 502 sms_failed when the code cannot be texted, and texts the same code on a retry', async () => {
    h.twilio.failNext({ code: 21612 });
    const response = await call('/auth', { name: 'Unreachable', phone: '+14155550405' });
    expect(response.status).toBe(502);
    expect((await response.json()).error.code).toBe('sms_failed');
    const pending = await h.store.recordCodeAttempt('+14155550405', 5);
    expect((await call('/auth', { name: 'Unreachable', phone: '+14155550405' })).status).toBe(202);
    expect(codeSentTo('+14155550405')).toBe(pending?.code);
  });
});

describe('sign-up rate limits and verification: none', () => {
  it('limits codes per number (interval and hourly) and calls per IP, with Retry-After', async () => {
    const h = await startBridgeHarness({ rateLimits: { perPhonePerHour: 2, perIpPerHour: 3 } });
    const auth = (phone: string, clientIp?: string) =>
      h.bridge.fetch(
        new Request(`${h.server.url}/auth`, json({ name: 'Rae', phone })),
        clientIp ? { clientIp } : {},
      );
    expect((await auth('+14155550501')).status).toBe(202);
    const tooSoon = await auth('+14155550501');
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeLessThanOrEqual(30);

    for (const phone of ['+14155550502', '+14155550503', '+14155550504']) {
      expect((await auth(phone, '203.0.113.7')).status).toBe(202);
    }
    const fourth = await auth('+14155550505', '203.0.113.7');
    expect(fourth.status).toBe(429);
    expect((await fourth.json()).error.code).toBe('rate_limited');
    expect((await auth('+14155550505', '203.0.113.8')).status).toBe(202);
    await h.close();
  });

  it("signs up at once with verification: 'none', one member for concurrent sign-ups", async () => {
    const h = await startBridgeHarness({
      verification: 'none',
      rateLimits: { perPhoneIntervalSeconds: 0, perPhonePerHour: 100 },
    });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${h.server.url}/auth`, json({ name: 'Demo', phone: '+14155550601' })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const ids = await Promise.all(responses.map(async (r) => (await r.json()).user.id));
    expect(new Set(ids).size).toBe(1);
    expect(h.twilio.messages).toHaveLength(0);
    await h.close();
  });
});
