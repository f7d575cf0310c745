import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_WEBHOOK_RETRY_DEFAULTS, startStreamEmulator } from '../src/stream/index.js';
import { startReceiver } from './support/receiver.js';

const apiKey = 'webhook-test-key';
const apiSecret = 'webhook-test-secret';

async function emulatorWithChannel(webhookUrl: string, retry = {}) {
  const stream = await startStreamEmulator({
    apiKey,
    apiSecret,
    webhookUrl,
    webhookRetry: { retryDelayMs: 10, ...retry },
  });
  const server = new StreamChat(apiKey, apiSecret, { baseURL: stream.url });
  await server.upsertUsers([
    { id: 'alice', name: 'Alice Anders' },
    { id: 'bob', name: 'Bob Builder' },
  ]);
  const channel = server.channel('messaging', 'general', {
    created_by_id: 'alice',
    members: ['alice', 'bob'],
  });
  await channel.create();
  return { stream, server, channel };
}

describe('Stream emulator webhooks', () => {
  it("keeps Stream's documented retry numbers as defaults", () => {
    expect(STREAM_WEBHOOK_RETRY_DEFAULTS).toMatchObject({
      maxAttempts: 3,
      maxAttemptsOnNetworkError: 2,
      requestTimeoutMs: 6_000,
      totalTimeoutMs: 15_000,
    });
  });

  describe('delivery and payload', () => {
    let env: Awaited<ReturnType<typeof emulatorWithChannel>>;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;

    beforeAll(async () => {
      receiver = await startReceiver();
      env = await emulatorWithChannel(`${receiver.url}/bridge/chat`);
    });
    afterAll(async () => {
      await env.stream.close();
      await receiver.close();
    });

    it('signs message.new so the SDK verifies it, with mentions and members expanded', async () => {
      const bob = new StreamChat(apiKey, { baseURL: env.stream.url, allowServerSideConnect: true });
      await bob.connectUser({ id: 'bob' }, env.server.createToken('bob'));
      await env.channel.sendMessage({
        text: 'hi @Bob Builder',
        user_id: 'alice',
        mentioned_users: ['bob'],
      });
      await env.stream.webhooksIdle();
      await bob.disconnectUser();

      const [request] = receiver.requests;
      expect(request?.path).toBe('/bridge/chat');
      const signature = String(request?.headers['x-signature']);
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(env.server.verifyWebhook(request?.rawBody ?? '', signature)).toBe(true);
      const forged = Buffer.from(String(request?.rawBody).replace('hi @Bob', 'yo @Bob'));
      expect(env.server.verifyWebhook(forged, signature)).toBe(false);
      expect(request?.headers).toMatchObject({
        'x-api-key': apiKey,
        'x-webhook-attempt': '1',
        'content-type': 'application/json',
      });
      expect(request?.headers['x-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);

      const payload = JSON.parse(String(request?.rawBody));
      expect(payload).toMatchObject({
        type: 'message.new',
        cid: 'messaging:general',
        channel_type: 'messaging',
        channel_id: 'general',
        message: { text: 'hi @Bob Builder', user: { id: 'alice', online: false } },
        user: { id: 'alice' },
      });
      expect(payload.message.mentioned_users).toEqual([
        expect.objectContaining({ id: 'bob', name: 'Bob Builder', online: true }),
      ]);
      const online = Object.fromEntries(
        payload.members.map((m: { user_id: string; user: { online: boolean } }) => [
          m.user_id,
          m.user.online,
        ]),
      );
      expect(online).toEqual({ alice: false, bob: true });
      expect(payload.user).toHaveProperty('total_unread_count');
    });

    it('sends message.updated, reaction.new, message.deleted and message.read too', async () => {
      const before = receiver.requests.length;
      const { message } = await env.channel.sendMessage({ text: 'edit me', user_id: 'alice' });
      await env.server.updateMessage({ id: message.id, text: 'edited', user_id: 'alice' });
      await env.channel.sendReaction(message.id, { type: 'love', user_id: 'bob' });
      await env.server.deleteMessage(message.id);
      await env.channel.markRead({ user_id: 'bob' });
      await env.stream.webhooksIdle();
      const types = receiver.requests.slice(before).map((r) => JSON.parse(String(r.rawBody)).type);
      expect(types).toEqual([
        'message.new',
        'message.updated',
        'reaction.new',
        'message.deleted',
        'message.read',
      ]);
    });
  });

  it('retries 5xx with the same webhook id up to 3 attempts', async () => {
    let calls = 0;
    const receiver = await startReceiver(() => ({ status: ++calls < 3 ? 500 : 200 }));
    const { stream, channel } = await emulatorWithChannel(receiver.url);
    await channel.sendMessage({ text: 'retry me', user_id: 'alice' });
    await stream.webhooksIdle();
    expect(receiver.requests.map((r) => r.headers['x-webhook-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(receiver.requests.map((r) => r.headers['x-webhook-id'])).size).toBe(1);
    await Promise.all([stream.close(), receiver.close()]);
  });

  it('stops after 3 attempts when every answer is 429, and does not retry a 400', async () => {
    const status = { code: 429 };
    const receiver = await startReceiver(() => ({ status: status.code }));
    const { stream, channel } = await emulatorWithChannel(receiver.url);
    await channel.sendMessage({ text: 'throttled', user_id: 'alice' });
    await stream.webhooksIdle();
    expect(receiver.requests).toHaveLength(3);
    status.code = 400;
    await channel.sendMessage({ text: 'refused', user_id: 'alice' });
    await stream.webhooksIdle();
    expect(receiver.requests).toHaveLength(4);
    await Promise.all([stream.close(), receiver.close()]);
  });

  it('tries twice on a network error', async () => {
    const receiver = await startReceiver();
    await receiver.close();
    const { stream, channel } = await emulatorWithChannel(receiver.url);
    await channel.sendMessage({ text: 'nobody home', user_id: 'alice' });
    await stream.webhooksIdle();
    expect(stream.webhookAttempts.map((a) => [a.attempt, a.error])).toEqual([
      [1, 'network'],
      [2, 'network'],
    ]);
    await stream.close();
  });

  it('retries a receiver slower than the request timeout', async () => {
    let calls = 0;
    const receiver = await startReceiver(() => ({ delayMs: ++calls === 1 ? 1_000 : 0 }));
    const { stream, channel } = await emulatorWithChannel(receiver.url, { requestTimeoutMs: 200 });
    await channel.sendMessage({ text: 'slow', user_id: 'alice' });
    await stream.webhooksIdle();
    expect(stream.webhookAttempts.map((a) => [a.attempt, a.error ?? a.status])).toEqual([
      [1, 'timeout'],
      [2, 200],
    ]);
    await Promise.all([stream.close(), receiver.close()]);
  });
});
