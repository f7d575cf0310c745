import { gzipSync } from 'node:zlib';
import { type StreamEmulator, startStreamEmulator } from '@smsbridge/testkit';
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeError } from '../src/errors.js';
import { BRIDGE_SOURCE_FIELD } from '../src/message-source.js';
import { createStreamChatTransport } from '../src/stream/index.js';
import { type Capture, startCapture } from './support/capture.js';

const apiKey = 'transport-key';
const apiSecret = 'transport-secret';
const channel = { type: 'messaging', id: 'chatty', name: 'Chatty' };

describe('createStreamChatTransport', () => {
  let stream: StreamEmulator;
  let capture: Capture;
  let server: StreamChat;

  beforeAll(async () => {
    capture = await startCapture('');
    stream = await startStreamEmulator({
      apiKey,
      apiSecret,
      webhookUrl: `${capture.url}/bridge/chat`,
    });
    server = new StreamChat(apiKey, apiSecret, { baseURL: stream.url });
  });
  afterAll(async () => {
    await stream.close();
    await capture.close();
  });

  const transport = () => createStreamChatTransport({ apiKey, apiSecret, baseURL: stream.url });

  it('names the bad option', () => {
    expect(() => createStreamChatTransport({ apiKey, apiSecret: '' })).toThrow(
      /\[smsbridge\] \[core\/stream\] Invalid option "apiSecret"/,
    );
  });

  it('creates a user, then updates it keeping fields the bridge does not own', async () => {
    await transport().upsertUser({ id: 'sms-ada', name: 'Ada' });
    await server.partialUpdateUsers([{ id: 'sms-ada', set: { team: 'red' } }]);
    await transport().upsertUser({
      id: 'sms-ada',
      name: 'Ada Lovelace',
      image: 'https://example.com/ada.png',
    });
    expect(stream.getUser('sms-ada')).toMatchObject({
      name: 'Ada Lovelace',
      image: 'https://example.com/ada.png',
      team: 'red',
      role: 'user',
    });
  });

  it('creates the channel once and adds members later', async () => {
    await transport().upsertUser({ id: 'smsbridge', name: 'SMS bridge' });
    await transport().upsertUser({ id: 'bob', name: 'Bob Builder' });
    await transport().ensureMembers(channel, 'smsbridge', ['sms-ada']);
    await transport().ensureMembers(channel, 'smsbridge', ['bob']);
    const state = await server.channel('messaging', 'chatty').query({});
    expect(state.channel).toMatchObject({ name: 'Chatty', created_by: { id: 'smsbridge' } });
    expect(state.members.map((m) => m.user_id).sort()).toEqual(['bob', 'sms-ada']);
  });

  it('posts idempotently on the message id, with custom fields and mentions', async () => {
    const message = {
      id: 'sms-SM00000000000000000000000000000001',
      userId: 'sms-ada',
      text: 'hi @Bob_Builder',
      mentionedUserIds: ['bob'],
      custom: { [BRIDGE_SOURCE_FIELD]: 'sms' },
    };
    expect(await transport().postMessage(channel, message)).toEqual({ duplicate: false });
    expect(await transport().postMessage(channel, message)).toEqual({ duplicate: true });
    const stored = stream.getMessages('messaging:chatty').filter((m) => m.id === message.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      [BRIDGE_SOURCE_FIELD]: 'sms',
      mentioned_users: [{ id: 'bob' }],
    });
  });

  it('issues user tokens with the given expiry that the websocket accepts', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    const token = await transport().createUserToken('sms-ada', expiresAt);
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(payload).toMatchObject({
      user_id: 'sms-ada',
      exp: Math.floor(expiresAt.getTime() / 1000),
    });
    const client = new StreamChat(apiKey, { baseURL: stream.url, allowServerSideConnect: true });
    await expect(client.connectUser({ id: 'sms-ada' }, token)).resolves.toBeTruthy();
    await client.disconnectUser();
  });

  describe('webhooks', () => {
    let genuine: { rawBody: Buffer; headers: Headers };

    beforeAll(async () => {
      capture.requests.length = 0;
      await server.channel('messaging', 'chatty').sendMessage({
        text: 'Dinner, @Ada?',
        user_id: 'bob',
        mentioned_users: ['sms-ada'],
      });
      await transport().postMessage(channel, {
        id: 'bot-reply-1',
        userId: 'bob',
        text: 'a bridge post',
        mentionedUserIds: [],
        custom: { [BRIDGE_SOURCE_FIELD]: 'bot' },
      });
      await stream.webhooksIdle();
      const request = capture.requests.find((r) => String(r.rawBody).includes('Dinner'));
      if (!request) throw new Error('no webhook captured');
      genuine = { rawBody: request.rawBody, headers: request.headers };
    });

    it('parses a verified message.new into the shape the routes need', async () => {
      const webhook = await transport().parseWebhook(genuine.rawBody, genuine.headers);
      expect(webhook).toEqual({
        webhookId: genuine.headers.get('x-webhook-id'),
        type: 'message.new',
        message: {
          id: expect.any(String),
          text: 'Dinner, @Ada?',
          channel: { type: 'messaging', id: 'chatty' },
          author: { id: 'bob', name: 'Bob Builder' },
          mentioned: [{ id: 'sms-ada', name: 'Ada Lovelace', online: false }],
          fromBridge: false,
          createdAt: expect.any(Date),
        },
      });
      const own = capture.requests.find((r) => String(r.rawBody).includes('a bridge post'));
      const parsedOwn = await transport().parseWebhook(
        own?.rawBody ?? Buffer.alloc(0),
        own?.headers ?? new Headers(),
      );
      expect(parsedOwn.message?.fromBridge).toBe(true);
    });

    it('accepts exactly what the SDK verifyWebhook accepts, refusing the rest with 401', async () => {
      const other = createStreamChatTransport({ apiKey, apiSecret: 'not-the-secret' });
      const cases = {
        genuine,
        forgedBody: {
          ...genuine,
          rawBody: Buffer.from(String(genuine.rawBody).replace('Dinner', 'Lunch')),
        },
        noSignature: { ...genuine, headers: new Headers({ 'x-webhook-id': 'w1' }) },
        uppercaseSignature: {
          ...genuine,
          headers: new Headers({
            'x-signature': String(genuine.headers.get('x-signature')).toUpperCase(),
            'x-webhook-id': 'w1',
          }),
        },
      };
      for (const [name, request] of Object.entries(cases)) {
        const sdkSays = server.verifyWebhook(
          request.rawBody,
          request.headers.get('x-signature') ?? '',
        );
        const ours = await transport()
          .parseWebhook(request.rawBody, request.headers)
          .then(
            () => true,
            (error: unknown) => {
              expect(error).toBeInstanceOf(BridgeError);
              expect(error).toMatchObject({ code: 'invalid_signature', status: 401 });
              return false;
            },
          );
        expect({ name, ours }).toEqual({ name, ours: sdkSays });
      }
      await expect(other.parseWebhook(genuine.rawBody, genuine.headers)).rejects.toMatchObject({
        status: 401,
      });
    });

    it('verifies gzip-compressed payloads over the uncompressed bytes, as the SDK does', async () => {
      const compressed = gzipSync(genuine.rawBody);
      const signature = genuine.headers.get('x-signature') ?? '';
      expect(server.verifyAndParseWebhook(compressed, signature)).toMatchObject({
        type: 'message.new',
      });
      expect((await transport().parseWebhook(compressed, genuine.headers)).type).toBe(
        'message.new',
      );
      const corrupt = Buffer.concat([compressed.subarray(0, 10), Buffer.from('garbage')]);
      await expect(transport().parseWebhook(corrupt, genuine.headers)).rejects.toMatchObject({
        status: 400,
      });
    });

    it('refuses a signed webhook without X-Webhook-Id, or with a bad shape, with 400', async () => {
      const headers = new Headers({ 'x-signature': genuine.headers.get('x-signature') ?? '' });
      await expect(transport().parseWebhook(genuine.rawBody, headers)).rejects.toMatchObject({
        code: 'invalid_request',
        message: expect.stringContaining('X-Webhook-Id'),
      });
      const { createHmac } = await import('node:crypto');
      const sign = (body: string) =>
        new Headers({
          'x-signature': createHmac('sha256', apiSecret).update(body).digest('hex'),
          'x-webhook-id': 'w2',
        });
      const notJson = '{"type":';
      await expect(
        transport().parseWebhook(Buffer.from(notJson), sign(notJson)),
      ).rejects.toMatchObject({ code: 'invalid_json' });
      const injected = JSON.stringify({
        type: 'message.new',
        message: { id: { $gt: '' }, user: { id: 'x' } },
      });
      await expect(
        transport().parseWebhook(Buffer.from(injected), sign(injected)),
      ).rejects.toMatchObject({
        code: 'invalid_request',
        status: 400,
        message: expect.stringContaining('message.id'),
      });
    });
  });
});
