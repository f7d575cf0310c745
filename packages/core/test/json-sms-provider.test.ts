import { createMemoryStore } from '@smsbridge/store-memory';
import {
  type StreamEmulator,
  startStreamEmulator,
  startTelnyxEmulator,
  streamWebhookRequest,
  type TelnyxEmulator,
} from '@smsbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bridge, createBridge, type Store } from '../src/index.js';
import { createStreamChatTransport } from '../src/stream/index.js';
import { type ServedFetch, serveFetch } from './support/serve-fetch.js';
import { createTelnyxLikeTransport } from './support/telnyx-like-transport.js';

const NUMBER = '+15005550007';
const ADA = '+14155550931';
const KEYS = { apiKey: 'json-key', apiSecret: 'json-secret', telnyxKey: 'json-telnyx-key' };
const CHANNEL = { type: 'messaging', id: 'json-sms', name: 'JSON SMS' };

/**
 * The bridge on a provider with JSON webhooks of its own (shaped like Telnyx): every path the
 * Twilio tests cover that depends on the provider, through the provider-neutral interface.
 */
describe('a JSON-webhook SMS provider (Telnyx-shaped), inbound and outbound', () => {
  let stream: StreamEmulator;
  let telnyx: TelnyxEmulator;
  let server: ServedFetch;
  let store: Store;
  let adaId = '';

  beforeAll(async () => {
    stream = await startStreamEmulator({ apiKey: KEYS.apiKey, apiSecret: KEYS.apiSecret });
    telnyx = await startTelnyxEmulator({
      apiKey: KEYS.telnyxKey,
      phoneNumbers: [NUMBER],
      statusWebhooks: { delayMs: 5 },
    });
    store = createMemoryStore();
    let bridge: Bridge | undefined;
    server = await serveFetch((request) => (bridge as Bridge).fetch(request));
    bridge = createBridge({
      chat: createStreamChatTransport({ ...KEYS, baseURL: stream.url }),
      sms: createTelnyxLikeTransport({
        apiKey: KEYS.telnyxKey,
        publicKey: telnyx.publicKey,
        from: NUMBER,
        apiBaseUrl: telnyx.url,
      }),
      store,
      channel: CHANNEL,
      defaultCountry: 'US',
      publicUrl: server.url,
      verification: 'none',
      signupUrl: 'https://example.com/join',
    });
    telnyx.setWebhookUrl(`${server.url}/sms`);
    const signUp = await fetch(`${server.url}/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada Lovelace', phone: ADA }),
    });
    adaId = ((await signUp.json()) as { user: { id: string } }).user.id;
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([stream.close(), telnyx.close()]);
  });

  const textsTo = (phone: string) =>
    telnyx.messages.filter((message) => message.to === phone).map((message) => message.text);
  const mention = async (text: string, id = `m-${crypto.randomUUID()}`) => {
    const { body, headers } = streamWebhookRequest(KEYS.apiSecret, {
      type: 'message.new',
      channel_type: CHANNEL.type,
      channel_id: CHANNEL.id,
      message: {
        id,
        text,
        user: { id: 'alice', name: 'Alice' },
        mentioned_users: [{ id: adaId, name: 'Ada Lovelace', online: false }],
      },
    });
    return fetch(`${server.url}/chat`, { method: 'POST', headers, body });
  };

  it("posts a member's text, and texts a stranger the sign-up reply (no replies in the answer)", async () => {
    expect((await telnyx.sendSms({ from: ADA, to: NUMBER, text: 'hi from JSON' })).status).toBe(
      200,
    );
    expect(stream.getMessages(`${CHANNEL.type}:${CHANNEL.id}`).map((m) => m.text)).toContain(
      'hi from JSON',
    );
    const stranger = '+14155550932';
    expect(
      (await telnyx.sendSms({ from: stranger, to: NUMBER, text: 'who is this?' })).status,
    ).toBe(200);
    expect(textsTo(stranger)).toEqual([
      'This number is not signed up for JSON SMS. Sign up at https://example.com/join',
    ]);
  });

  it('records delivery in the bridge’s words from the provider’s status webhooks', async () => {
    expect((await mention('Dinner, @Ada?')).status).toBe(200);
    await telnyx.webhooksIdle();
    const sent = telnyx.messages.find((message) => message.text.includes('Dinner, @Ada?'));
    expect(sent?.status).toBe('delivered');
    expect(await store.getDelivery(sent?.id ?? '')).toMatchObject({
      memberId: adaId,
      status: 'delivered',
    });
  });

  it('records a late delivery failure with the provider’s error code', async () => {
    const remove = telnyx.addFailureRule({ to: ADA, code: '40008', status: 200 });
    await mention('Are you there, @Ada?');
    await telnyx.webhooksIdle();
    remove();
    const sent = telnyx.messages.find((message) => message.text.includes('Are you there'));
    expect(await store.getDelivery(sent?.id ?? '')).toMatchObject({
      status: 'failed',
      errorCode: '40008',
    });
  });

  it('retries a send the provider refused for a moment (429)', async () => {
    telnyx.failNext({ code: '10011', status: 429 });
    await mention('Lunch, @Ada?');
    expect(textsTo(ADA).filter((text) => text.includes('Lunch, @Ada?'))).toHaveLength(1);
  });

  it("marks the member opted out when the provider's refusal says so (40300)", async () => {
    const remove = telnyx.addFailureRule({ to: ADA, code: '40300', status: 422 });
    expect((await mention('Still on, @Ada?')).status).toBe(200);
    remove();
    expect((await store.getMemberByPhone(ADA))?.status).toBe('opted_out');
    expect(stream.getUser(adaId)).toMatchObject({ smsbridge_sms: 'opted_out' });
  });

  it('refuses a stale, a forged and an unsigned webhook with 403', async () => {
    const body = JSON.stringify({ data: { event_type: 'message.received', payload: {} } });
    const stale = await telnyx.signWebhook(body, Math.floor(Date.now() / 1000) - 3_600);
    const fresh = await telnyx.signWebhook(body);
    const forged = { ...fresh, 'telnyx-signature-ed25519': btoa('\0'.repeat(64)) };
    for (const headers of [stale, forged, {}]) {
      const response = await fetch(`${server.url}/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      expect(response.status).toBe(403);
    }
  });
});
