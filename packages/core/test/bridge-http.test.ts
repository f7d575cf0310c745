import { createMemoryStore } from '@smsbridge/store-memory';
import { signStreamWebhook } from '@smsbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge } from '../src/index.js';
import type { Store } from '../src/store.js';
import { createStreamChatTransport } from '../src/stream/index.js';
import { createTwilioSmsTransport } from '../src/twilio/index.js';
import { type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';

const chatSigned = (body: string, webhookId: string) => ({
  'content-type': 'application/json',
  'x-signature': signStreamWebhook('bridge-secret', body),
  'x-webhook-id': webhookId,
});

describe('bridge HTTP edge', () => {
  let h: BridgeHarness;
  beforeAll(async () => {
    h = await startBridgeHarness();
  });
  afterAll(() => h.close());

  const call = (path: string, init?: RequestInit) => fetch(`${h.server.url}${path}`, init);
  const expectError = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json();
    expect(body).toEqual({ error: { code, message: expect.any(String) } });
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  };

  it('answers GET /health', async () => {
    const response = await call('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers HEAD /health as GET without a body (RFC 9110: servers must support HEAD)', async () => {
    const response = await call('/health', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe('');
    const wrongMethod = await call('/health', { method: 'POST' });
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    await expectError(wrongMethod, 405, 'method_not_allowed');
    expect((await call('/sms', { method: 'HEAD' })).status).toBe(405);
  });

  it('checks in order: 404, 405 (with Allow), 413, 415', async () => {
    await expectError(await call('/nope', { method: 'POST' }), 404, 'not_found');
    const wrongMethod = await call('/sms');
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    await expectError(wrongMethod, 405, 'method_not_allowed');
    const big = 'Body='.padEnd(65_537, 'x');
    await expectError(
      await call('/sms', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      }),
      413,
      'payload_too_large',
    );
    await expectError(
      await call('/sms', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      415,
      'unsupported_media_type',
    );
    await expectError(
      await call('/chat', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      415,
      'unsupported_media_type',
    );
  });

  it('checks signatures before validating: an unsigned malformed body is 401, a signed one 400', async () => {
    await expectError(
      await call('/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{oops',
      }),
      401,
      'invalid_signature',
    );
    await expectError(
      await call('/chat', { method: 'POST', headers: chatSigned('{oops', 'w1'), body: '{oops' }),
      400,
      'invalid_json',
    );
    const injected = JSON.stringify({ type: { $ne: 'x' } });
    await expectError(
      await call('/chat', { method: 'POST', headers: chatSigned(injected, 'w2'), body: injected }),
      400,
      'invalid_request',
    );
    const wrongTypes = JSON.stringify({ type: 'message.new', message: { id: 7, user: 'alice' } });
    await expectError(
      await call('/chat', {
        method: 'POST',
        headers: chatSigned(wrongTypes, 'w3'),
        body: wrongTypes,
      }),
      400,
      'invalid_request',
    );
    await expectError(
      await call('/sms', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '%%%&&=',
      }),
      403,
      'forbidden_signature',
    );
  });

  it('ignores events other than message.new', async () => {
    const body = JSON.stringify({
      type: 'reaction.new',
      message: { id: 'm', text: 'x', user: { id: 'alice' } },
    });
    const response = await call('/chat', { method: 'POST', headers: chatSigned(body, 'w4'), body });
    expect(await response.json()).toEqual({ status: 'ignored' });
  });
});

describe('createBridge options and failures', () => {
  const transports = () => ({
    chat: createStreamChatTransport({ apiKey: 'k', apiSecret: 's', baseURL: 'http://127.0.0.1:9' }),
    sms: createTwilioSmsTransport({
      accountSid: `AC${'0'.repeat(32)}`,
      authToken: 't',
      from: '+15005550006',
    }),
  });

  it('names the bad option', () => {
    expect(() =>
      createBridge({
        ...transports(),
        store: undefined as never,
        channel: { type: 'messaging', id: 'c' },
      }),
    ).toThrow(/\[smsbridge\] \[core\] Invalid option "store"/);
    expect(() =>
      createBridge({
        ...transports(),
        store: createMemoryStore(),
        channel: { type: 'messaging', id: 'no spaces' },
      }),
    ).toThrow(/Invalid option "channel.id"/);
  });

  it('strips publicUrl\u2019s path, so the same bridge answers behind a prefix', async () => {
    const bridge = createBridge({
      ...transports(),
      store: createMemoryStore(),
      channel: { type: 'messaging', id: 'c' },
      publicUrl: 'https://example.com/bridge',
    });
    expect((await bridge.fetch(new Request('http://internal/bridge/health'))).status).toBe(200);
    expect((await bridge.fetch(new Request('http://internal/health'))).status).toBe(200);
    expect((await bridge.fetch(new Request('http://internal/bridgehealth'))).status).toBe(404);
  });

  it('answers 503 without details when the store fails, and never rejects', async () => {
    const failing = new Proxy(createMemoryStore(), {
      get: (target, name) =>
        typeof Reflect.get(target, name) === 'function'
          ? () => Promise.reject(new Error('connection refused to db-internal:27017'))
          : Reflect.get(target, name),
    }) as Store;
    const logged: string[] = [];
    const bridge = createBridge({
      ...transports(),
      store: failing,
      channel: { type: 'messaging', id: 'c' },
      logger: { warn: () => {}, error: (_message, details) => logged.push(String(details?.error)) },
    });
    const body = JSON.stringify({
      type: 'message.new',
      cid: 'messaging:c',
      channel_type: 'messaging',
      channel_id: 'c',
      message: { id: 'm', text: 'hi @ada', user: { id: 'u' }, mentioned_users: [{ id: 'ada' }] },
    });
    const response = await bridge.fetch(
      new Request('http://internal/chat', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-signature': signStreamWebhook('s', body),
          'x-webhook-id': 'w',
        },
        body,
      }),
    );
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).not.toContain('27017');
    expect(JSON.parse(text).error.code).toBe('upstream_unavailable');
    expect(logged).toEqual(['connection refused to db-internal:27017']);
  });
});

describe('waitUntil', () => {
  it('answers /chat before texting, and the texts follow', async () => {
    const pending: Promise<unknown>[] = [];
    const h = await startBridgeHarness();
    const adaId = await h.addMember('Ada', '+14155550301');
    const { message } = await h.streamServer
      .channel('messaging', 'chatty-kathy')
      .sendMessage({ text: 'later, @Ada', user_id: 'alice', mentioned_users: [adaId] });
    await h.stream.webhooksIdle();
    const index = h.received.findIndex((r) =>
      new TextDecoder().decode(r.body).includes(message.id),
    );
    const original = h.received[index];
    const before = h.textsTo('+14155550301').length;
    // A new message's signed webhook (the same one with a fresh message id, signed again),
    // straight to bridge.fetch with waitUntil.
    const body = new TextDecoder()
      .decode(original?.body)
      .replaceAll(message.id, 'fresh-message-id');
    const headers = new Headers(original?.headers);
    headers.set('x-signature', signStreamWebhook('bridge-secret', body));
    headers.set('x-webhook-id', 'fresh-id');
    const response = await h.bridge.fetch(
      new Request(`${h.server.url}/chat`, { method: 'POST', headers, body }),
      {
        waitUntil: (work) => pending.push(work),
      },
    );
    expect(await response.json()).toEqual({ status: 'accepted' });
    expect(pending).toHaveLength(1);
    await Promise.all(pending);
    expect(h.textsTo('+14155550301').slice(before)).toEqual([
      'Chat from @Alice Anders:\n\nlater, @Ada',
    ]);
    await h.close();
  });
});
