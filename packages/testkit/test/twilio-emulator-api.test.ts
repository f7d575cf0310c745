import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioEmulator, type TwilioEmulator } from '../src/twilio/index.js';

const accountSid = `AC${'a'.repeat(32)}`;
const authToken = 'twilio-test-token';
const bridgeNumber = '+15005550006';

describe('Twilio emulator Messages API, driven by the twilio SDK', () => {
  let emulator: TwilioEmulator;
  let client: twilio.Twilio;

  beforeAll(async () => {
    emulator = await startTwilioEmulator({
      accountSid,
      authToken,
      phoneNumbers: [bridgeNumber],
      smsWebhookUrl: 'http://127.0.0.1:9/unused',
    });
    client = twilio(accountSid, authToken, { httpClient: emulator.httpClient });
  });
  afterAll(() => emulator.close());

  it('creates a message with the fields Twilio returns', async () => {
    const message = await client.messages.create({
      to: '+15551230001',
      from: bridgeNumber,
      body: 'hello',
    });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message).toMatchObject({
      accountSid,
      to: '+15551230001',
      from: bridgeNumber,
      body: 'hello',
      status: 'queued',
      numSegments: '1',
      numMedia: '0',
      direction: 'outbound-api',
      errorCode: null,
      apiVersion: '2010-04-01',
    });
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(message.dateCreated.getTime())).toBe(false);
    expect(message.uri).toBe(`/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`);
    expect(emulator.messages.at(-1)).toMatchObject({
      sid: message.sid,
      to: '+15551230001',
      body: 'hello',
    });

    const fetched = await client.messages(message.sid).fetch();
    expect(fetched.sid).toBe(message.sid);
    const listed = await client.messages.list({ to: '+15551230001' });
    expect(listed.map((m) => m.sid)).toContain(message.sid);
  });

  it('counts segments like Twilio: GSM-7, extension characters, UCS-2, multipart', async () => {
    const segments = async (body: string) =>
      (await client.messages.create({ to: '+15551230002', from: bridgeNumber, body })).numSegments;
    expect(await segments('a'.repeat(160))).toBe('1');
    expect(await segments('a'.repeat(161))).toBe('2');
    // Extension characters take two septets: 80 braces fill one segment, 81 need two.
    expect(await segments('{'.repeat(80))).toBe('1');
    expect(await segments('{'.repeat(81))).toBe('2');
    expect(await segments(`${'a'.repeat(69)}😀`)).toBe('2');
    expect(await segments('é'.repeat(70))).toBe('1');
    expect(await segments('ł'.repeat(70))).toBe('1');
    expect(await segments('ł'.repeat(71))).toBe('2');
    // Multipart: 153 GSM-7 / 67 UCS-2 characters per part (the rest is the part header).
    expect(await segments('a'.repeat(306))).toBe('2');
    expect(await segments('a'.repeat(307))).toBe('3');
    expect(await segments('ł'.repeat(134))).toBe('2');
    expect(await segments('ł'.repeat(135))).toBe('3');
    // Every GSM-7 extension character counts twice.
    for (const char of ['}', '[', ']', '~', '^', '|', '€', '\\']) {
      expect([char, await segments(char.repeat(80))]).toEqual([char, '1']);
      expect([char, await segments(char.repeat(81))]).toEqual([char, '2']);
    }
  });

  it('sends media and through a Messaging Service (status accepted)', async () => {
    const mms = await client.messages.create({
      to: '+15551230003',
      from: bridgeNumber,
      mediaUrl: ['https://example.com/a.png', 'https://example.com/b.png'],
    });
    expect(mms.sid).toMatch(/^MM/);
    expect(mms.numMedia).toBe('2');
    expect(emulator.messages.at(-1)?.mediaUrls).toEqual([
      'https://example.com/a.png',
      'https://example.com/b.png',
    ]);
    const viaService = await client.messages.create({
      to: '+15551230003',
      messagingServiceSid: `MG${'b'.repeat(32)}`,
      body: 'via service',
    });
    expect(viaService.status).toBe('accepted');
    expect(viaService.messagingServiceSid).toBe(`MG${'b'.repeat(32)}`);
    // The service has not picked a sender yet; it picks one of the account's numbers later.
    expect(viaService.from).toBeNull();
    await emulator.statusCallbacksIdle();
    expect(await client.messages(viaService.sid).fetch()).toMatchObject({
      from: bridgeNumber,
      status: 'delivered',
    });
  });

  it('refuses a Messaging Service the account does not have with 21701', async () => {
    const service = `MG${'c'.repeat(32)}`;
    const withService = await startTwilioEmulator({
      accountSid,
      authToken,
      phoneNumbers: [bridgeNumber],
      messagingServiceSid: service,
    });
    try {
      const sdk = twilio(accountSid, authToken, { httpClient: withService.httpClient });
      const other = `MG${'d'.repeat(32)}`;
      const error = await sdk.messages
        .create({ to: '+15551230005', messagingServiceSid: other, body: 'x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(twilio.RestException);
      expect(error).toMatchObject({ status: 400, code: 21701 });
      expect(withService.messages).toHaveLength(0);
      const sent = await sdk.messages.create({
        to: '+15551230005',
        messagingServiceSid: service,
        body: 'x',
      });
      expect(sent.status).toBe('accepted');
    } finally {
      await withService.close();
    }
  });

  it('lists every message across pages, newest first, filtered by To', async () => {
    const to = '+15551230010';
    const sids: string[] = [];
    for (let i = 0; i < 5; i++) {
      sids.push((await client.messages.create({ to, from: bridgeNumber, body: `n${i}` })).sid);
    }
    const firstPage = await client.messages.page({ to, pageSize: 2 });
    expect(firstPage.instances.map((m) => m.sid)).toEqual([sids[4], sids[3]]);
    expect(firstPage.nextPageUrl).toContain('PageToken=');
    const listed = await client.messages.list({ to, pageSize: 2 });
    expect(listed.map((m) => m.sid)).toEqual([...sids].reverse());
    expect(await client.messages.list({ to, limit: 3 })).toHaveLength(3);
    expect(await client.messages.list({ to: '+15551239876' })).toEqual([]);
  });

  it('answers an unknown SID with 404 code 20404', async () => {
    const error = await client
      .messages(`SM${'0'.repeat(32)}`)
      .fetch()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 404, code: 20404 });
  });

  it.each([
    ['no From nor service', { to: '+15551230004', body: 'x' }, 21603, 400],
    ['no Body nor media', { to: '+15551230004', from: bridgeNumber }, 21602, 400],
    ['an invalid To', { to: '555-CALL-ME', from: bridgeNumber, body: 'x' }, 21211, 400],
    [
      'a From the account does not own',
      { to: '+15551230004', from: '+15550000000', body: 'x' },
      21606,
      400,
    ],
    [
      'a From that is no kind of sender',
      { to: '+15551230004', from: '+1-x', body: 'x' },
      21212,
      400,
    ],
    ['To equal to From', { to: bridgeNumber, from: bridgeNumber, body: 'x' }, 21266, 400],
    [
      'a body over 1600 characters',
      { to: '+15551230004', from: bridgeNumber, body: 'x'.repeat(1601) },
      21617,
      400,
    ],
  ])('refuses %s with a RestException', async (_name, params, code, status) => {
    const error = await client.messages.create(params as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({
      code,
      status,
      moreInfo: `https://www.twilio.com/docs/errors/${code}`,
    });
  });

  it('refuses a request without To with 21604 (raw HTTP: the SDK checks To itself)', async () => {
    const response = await fetch(
      `${emulator.url}/2010-04-01/Accounts/${accountSid}/Messages.json`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ From: bridgeNumber, Body: 'x' }).toString(),
      },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 21604,
      message: "A 'To' phone number is required.",
      more_info: 'https://www.twilio.com/docs/errors/21604',
      status: 400,
    });
  });

  it('refuses a wrong auth token with 401 code 20003', async () => {
    const wrong = twilio(accountSid, 'not-the-token', { httpClient: emulator.httpClient });
    const error = await wrong.messages
      .create({ to: '+15551230005', from: bridgeNumber, body: 'x' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({
      status: 401,
      code: 20003,
      message: 'Authenticate',
      moreInfo: 'https://www.twilio.com/docs/errors/20003',
    });
  });

  it('refuses good credentials used on another account with 401 code 20003', async () => {
    const otherAccount = `AC${'9'.repeat(32)}`;
    const response = await fetch(
      `${emulator.url}/2010-04-01/Accounts/${otherAccount}/Messages.json`,
      {
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
        },
      },
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(await response.json()).toEqual({
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    });
  });

  it('injects failures: failNext and rules by number, then recovers', async () => {
    emulator.failNext({ code: 20429 });
    const throttled = await client.messages
      .create({ to: '+15551230006', from: bridgeNumber, body: 'x' })
      .catch((e) => e);
    expect(throttled).toMatchObject({ status: 429, code: 20429 });

    emulator.failNext({ code: 500 });
    const outage = await client.messages
      .create({ to: '+15551230006', from: bridgeNumber, body: 'x' })
      .catch((e) => e);
    expect(outage).toBeInstanceOf(twilio.RestException);
    expect(outage).toMatchObject({ status: 500, code: 20500 });

    const removeOutage = emulator.addFailureRule({ to: '+15551230008', code: 503 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const unavailable = await client.messages
        .create({ to: '+15551230008', from: bridgeNumber, body: 'x' })
        .catch((e) => e);
      expect(unavailable).toMatchObject({ status: 503, code: 20503 });
    }
    removeOutage();

    emulator.failNext({ code: 21211 });
    const invalid = await client.messages
      .create({ to: '+15551230006', from: bridgeNumber, body: 'x' })
      .catch((e) => e);
    expect(invalid).toMatchObject({ status: 400, code: 21211 });

    const remove = emulator.addFailureRule({ to: '+15551230007', code: 21612 });
    const unreachable = await client.messages
      .create({ to: '+15551230007', from: bridgeNumber, body: 'x' })
      .catch((e) => e);
    expect(unreachable).toMatchObject({ code: 21612, status: 400 });
    remove();
    const ok = await client.messages.create({ to: '+15551230007', from: bridgeNumber, body: 'x' });
    expect(ok.status).toBe('queued');
  });
});

describe('Twilio emulator latency', () => {
  it('answers messages.create after latencyMs', async () => {
    const slow = await startTwilioEmulator({ accountSid, authToken, latencyMs: 120 });
    const client = twilio(accountSid, authToken, { httpClient: slow.httpClient as never });
    const started = performance.now();
    await client.messages.create({ to: '+15551230008', from: bridgeNumber, body: 'slow' });
    // A lower bound only: the pause must have happened; how much longer the run took is not asserted.
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    await slow.close();
  });
});
