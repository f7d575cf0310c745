import type { Store } from '@smsbridge/core';
import {
  type StreamEmulator,
  signTwilioRequest,
  startStreamEmulator,
  startTwilioEmulator,
  type TwilioEmulator,
} from '@smsbridge/testkit';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMongoStore } from '../src/index.js';
import { CHANNEL, chatWebhook, KEYS, NUMBER, startInstance } from './support/bridge-instance.js';
import { startOwnFerretDb } from './support/mongo-server.js';

const ferret = await startOwnFerretDb();

/** The store's bound (the bridge's own deadline is set far above, so it cannot be what answers). */
const TIMEOUT_MS = 3_000;
/** The bound this test holds every answer to: a hang must never reach Stream's 6 s. */
const ANSWER_WITHIN_MS = 6_000;
const DEE = '+14155554001';
const EVE = '+14155554002';

describe.skipIf(!ferret)('the database hangs (SIGSTOP) under a running bridge', () => {
  const db = ferret as NonNullable<typeof ferret>;
  let stream: StreamEmulator;
  let twilio: TwilioEmulator;
  let client: MongoClient;
  let store: Store;
  let base: string;
  let closeServer: (() => Promise<void>) | undefined;
  let memberId: string;
  const exchanges: { request: Request; response: Response }[] = [];
  const answeredWhileFrozen: Record<string, number> = {};

  const posts = () => stream.getMessages(`${CHANNEL.type}:${CHANNEL.id}`).map((m) => m.text);
  const textsTo = (phone: string) => twilio.messages.filter((m) => m.to === phone);
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${base}${path}`, { method: 'POST', headers, body });
  const json = { 'content-type': 'application/json' };

  /** Signs up by code: /auth texts it, /auth/verify proves it. */
  async function signUp(name: string, phone: string): Promise<string> {
    const asked = await post('/auth', JSON.stringify({ name, phone }), json);
    expect(asked.status).toBe(202);
    const code = textsTo(phone).at(-1)?.body.match(/\d{6}/)?.[0] as string;
    const verified = await post('/auth/verify', JSON.stringify({ phone, code }), json);
    expect(verified.status).toBe(200);
    return ((await verified.json()) as { user: { id: string } }).user.id;
  }

  /** Times one answer while frozen: a 503 `upstream_unavailable`, in time. */
  async function expectUnavailable(route: string, answer: () => Promise<Response>) {
    const started = Date.now();
    const response = await answer();
    answeredWhileFrozen[route] = Date.now() - started;
    expect(response.status, route).toBe(503);
    expect(await response.json(), route).toEqual({
      error: expect.objectContaining({ code: 'upstream_unavailable' }),
    });
    expect(answeredWhileFrozen[route], route).toBeLessThan(ANSWER_WITHIN_MS);
  }

  // A chat message mentioning the member, as Stream's webhook sends it (and retries it).
  const chat = () =>
    chatWebhook({ id: 'frozen-1', text: 'ping @Dee', memberId }, 'frozen-webhook-1');
  const statusParams = {
    AccountSid: KEYS.accountSid,
    MessageSid: `SM${'5'.repeat(32)}`,
    MessageStatus: 'delivered',
  };
  const statusHeaders = () => ({
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': signTwilioRequest(KEYS.authToken, `${base}/sms/status`, statusParams),
  });

  beforeAll(async () => {
    stream = await startStreamEmulator({ apiKey: KEYS.apiKey, apiSecret: KEYS.apiSecret });
    twilio = await startTwilioEmulator({
      accountSid: KEYS.accountSid,
      authToken: KEYS.authToken,
      phoneNumbers: [NUMBER],
    });
    // A short server-selection timeout, as a Lambda would want; it does not help here: a
    // stopped server is still selectable, its connections open, and only timeoutMS ends a call.
    client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 1_000 });
    store = createMongoStore({ client, dbName: 'hung', timeoutMS: TIMEOUT_MS });
    const instance = await startInstance(
      store,
      stream,
      twilio,
      undefined,
      { verification: 'code', answerTimeoutMs: 30_000 },
      (request, response) => exchanges.push({ request, response }),
    );
    closeServer = () => instance.server.close();
    base = instance.server.url;
    twilio.setWebhookUrl(`${base}/sms`);
  });

  afterAll(async () => {
    // Resume first, whatever failed: a stopped database would hang everything below.
    db.thaw();
    await closeServer?.();
    await store?.close?.();
    await client?.close();
    await Promise.all([stream?.close(), twilio?.close(), db.stop()]);
    console.info('[hung-database] ms to answer 503 while frozen:', answeredWhileFrozen);
  });

  it('signs a member up while the database answers', async () => {
    memberId = await signUp('Dee', DEE);
    expect(await store.getMemberById(memberId)).toMatchObject({ name: 'Dee', verified: true });
  });

  it('answers 503 within 6 s on every route that needs the store while it hangs', async () => {
    const postsBefore = posts().length;
    const textsBefore = twilio.messages.length;
    db.freeze();

    await expectUnavailable('POST /auth', () =>
      post('/auth', JSON.stringify({ name: 'Eve', phone: EVE }), json),
    );
    await expectUnavailable('POST /auth/verify', () =>
      post('/auth/verify', JSON.stringify({ phone: DEE, code: '123456' }), json),
    );
    await expectUnavailable('POST /sms', async () => {
      await twilio.sendSms({ from: DEE, to: NUMBER, body: 'sent while frozen' });
      return (exchanges.at(-1) as { response: Response }).response;
    });
    const { body, headers } = chat();
    await expectUnavailable('POST /chat', () => post('/chat', body, headers));
    await expectUnavailable('POST /sms/status', () =>
      post('/sms/status', new URLSearchParams(statusParams).toString(), statusHeaders()),
    );
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);

    // A store that opens its own client (uri) is bounded the same way, index creation included.
    const own = createMongoStore({ uri: db.uri, dbName: 'hung', timeoutMS: TIMEOUT_MS });
    const started = Date.now();
    await expect(own.getMemberById(memberId)).rejects.toThrow(/did not answer|timed out/i);
    answeredWhileFrozen['store from uri, first call'] = Date.now() - started;
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    void own.close?.(); // closing waits for the database; it is not awaited while frozen

    expect(posts()).toHaveLength(postsBefore);
    expect(twilio.messages).toHaveLength(textsBefore);
  }, 60_000);

  it('serves again when the database wakes: every retry done once, nothing lost', async () => {
    db.thaw();

    // Twilio retries the inbound text it got a 503 for: the very same signed request, twice.
    const frozenSms = exchanges.find(
      (exchange) =>
        new URL(exchange.request.url).pathname === '/sms' && exchange.response.status === 503,
    );
    expect(frozenSms).toBeDefined();
    const { request } = frozenSms as { request: Request };
    const form = await request.text();
    const twilioHeaders = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': request.headers.get('x-twilio-signature') as string,
    };
    for (let retry = 0; retry < 2; retry += 1) {
      expect((await post('/sms', form, twilioHeaders)).status).toBe(200);
    }
    expect(posts().filter((text) => text === 'sent while frozen')).toHaveLength(1);

    // Stream retries the chat webhook: the member is texted once.
    const { body, headers } = chat();
    for (let retry = 0; retry < 2; retry += 1) {
      expect((await post('/chat', body, headers)).status).toBe(200);
    }
    expect(textsTo(DEE).filter((m) => m.body.includes('ping @Dee'))).toHaveLength(1);

    expect(
      (await post('/sms/status', new URLSearchParams(statusParams).toString(), statusHeaders()))
        .status,
    ).toBe(204);

    const eveId = await signUp('Eve', EVE);
    expect(await store.getMemberById(memberId)).toMatchObject({ name: 'Dee', phone: DEE });
    expect((await store.listMembers()).map((m) => m.id).sort()).toEqual([memberId, eveId].sort());
  }, 30_000);
});
