import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StreamEmulator, startStreamEmulator, streamWebhookRequest } from '../stream/index.js';
import { signTwilioRequest, startTwilioEmulator, type TwilioEmulator } from '../twilio/index.js';

/** What a mount is given: the emulators to point the bridge's transports at. */
export interface BridgeMountEnvironment {
  stream: { url: string; apiKey: string; apiSecret: string };
  twilio: { url: string; accountSid: string; authToken: string; phoneNumber: string };
  channel: { type: string; id: string; name: string };
}

/** A bridge mounted and reachable over HTTP at `url` (its routes under it: `${url}/sms`). */
export interface MountedBridge {
  url: string;
  close(): Promise<void>;
  /**
   * For a mount that passes `waitUntil` (a Worker): resolves once the work handed to it is done,
   * since the bridge then answers Stream's webhook before texting anyone.
   */
  settled?(): Promise<void>;
}

/** Options of {@link testBridgeMount}. */
export interface TestBridgeMountOptions {
  name: string;
  /**
   * Creates a bridge for `environment` (memory store, Stream and Twilio transports at the
   * emulators, `verification: 'code'`) and serves it the way the adapter under test does.
   */
  start(environment: BridgeMountEnvironment): Promise<MountedBridge>;
}

const apiKey = 'mount-key';
const apiSecret = 'mount-secret';
const accountSid = `AC${'9'.repeat(32)}`;
const authToken = 'mount-token';
const phoneNumber = '+15005550006';
const channel = { type: 'messaging', id: 'mounted', name: 'Mounted' };

/**
 * The bridge's Request→Response contract, run unchanged over every way of serving it
 * (`bridge.fetch`, Express, Lambda events). Drives only HTTP, the emulators and the real SDKs.
 */
export function testBridgeMount(options: TestBridgeMountOptions): void {
  describe(`bridge contract: ${options.name}`, () => {
    let stream: StreamEmulator;
    let twilio: TwilioEmulator;
    let mounted: MountedBridge;
    let server: StreamChat;
    let memberId = '';
    const member = '+14155550701';

    beforeAll(async () => {
      stream = await startStreamEmulator({ apiKey, apiSecret, webhookRetry: { retryDelayMs: 10 } });
      twilio = await startTwilioEmulator({ accountSid, authToken, phoneNumbers: [phoneNumber] });
      mounted = await options.start({
        stream: { url: stream.url, apiKey, apiSecret },
        twilio: { url: twilio.url, accountSid, authToken, phoneNumber },
        channel,
      });
      stream.setWebhookUrl(`${mounted.url}/chat`);
      twilio.setWebhookUrl(`${mounted.url}/sms`);
      server = new StreamChat(apiKey, apiSecret, { baseURL: stream.url });
      await server.upsertUsers([{ id: 'alice', name: 'Alice Anders' }]);
    });
    afterAll(async () => {
      await mounted?.close();
      await Promise.all([stream?.close(), twilio?.close()]);
    });

    const post = (path: string, body: string, headers: Record<string, string>) =>
      fetch(`${mounted.url}${path}`, { method: 'POST', headers, body });
    const json = (path: string, body: unknown) =>
      post(path, JSON.stringify(body), { 'content-type': 'application/json' });
    const errorCode = async (response: Response) =>
      ((await response.json()) as { error: { code: string } }).error.code;

    it('answers /health, and 404, 405, 413, 415 as JSON errors', async () => {
      const health = await fetch(`${mounted.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const missing = await json('/nope', {});
      expect([missing.status, await errorCode(missing)]).toEqual([404, 'not_found']);
      const method = await fetch(`${mounted.url}/sms`);
      expect([method.status, await errorCode(method)]).toEqual([405, 'method_not_allowed']);
      const big = await post('/chat', `{"x":"${'x'.repeat(70_000)}"}`, {
        'content-type': 'application/json',
      });
      expect([big.status, await errorCode(big)]).toEqual([413, 'payload_too_large']);
      const type = await post('/sms', '{}', { 'content-type': 'application/json' });
      expect([type.status, await errorCode(type)]).toEqual([415, 'unsupported_media_type']);
    });

    it('signs a member up with a texted code', async () => {
      const auth = await json('/auth', { name: 'Mo Mount', phone: member });
      expect(auth.status).toBe(202);
      const code = /\b(\d{6})\b/.exec(twilio.messages.at(-1)?.body ?? '')?.[1];
      const verify = await json('/auth/verify', { phone: member, code });
      expect(verify.status).toBe(200);
      const body = (await verify.json()) as { user: { id: string; name: string }; token: string };
      expect(body.user.name).toBe('Mo Mount');
      memberId = body.user.id;
    });

    it('posts a signed inbound text once, however often it is delivered', async () => {
      const params = {
        MessageSid: `SM${'7'.repeat(32)}`,
        From: member,
        To: phoneNumber,
        Body: 'hello from a phone',
      };
      const form = new URLSearchParams(params).toString();
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(authToken, `${mounted.url}/sms`, params),
      };
      const responses = await Promise.all([1, 2, 3].map(() => post('/sms', form, headers)));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(responses[0]?.headers.get('content-type')).toMatch(/^text\/xml/);
      const posted = stream
        .getMessages(`${channel.type}:${channel.id}`)
        .filter((m) => m.text === 'hello from a phone');
      expect(posted).toHaveLength(1);
      expect(posted[0]?.user).toMatchObject({ id: memberId });
      const forged = await post('/sms', form, { ...headers, 'x-twilio-signature': 'AAAA' });
      expect([forged.status, await errorCode(forged)]).toEqual([403, 'forbidden_signature']);
    });

    it('answers keywords with TwiML through the real Twilio flow', async () => {
      const help = await twilio.sendSms({ from: member, to: phoneNumber, body: 'HELP' });
      expect(help.status).toBe(200);
      expect(help.replies.map((r) => r.body)).toEqual([expect.stringContaining('Reply STOP')]);
    });

    it('texts a mentioned member once per Stream webhook, refusing forged ones', async () => {
      await server.channel(channel.type, channel.id).addMembers(['alice']);
      await server
        .channel(channel.type, channel.id)
        .sendMessage({ text: 'ping @Mo', user_id: 'alice', mentioned_users: [memberId] });
      await stream.webhooksIdle();
      await mounted.settled?.();
      const texts = () =>
        twilio.messages.filter((m) => m.to === member && m.body.includes('ping @Mo'));
      expect(texts().map((m) => m.body)).toEqual(['Chat from @Alice Anders:\n\nping @Mo']);

      const { body: event, headers } = streamWebhookRequest(
        apiSecret,
        {
          type: 'message.new',
          cid: `${channel.type}:${channel.id}`,
          channel_type: channel.type,
          channel_id: channel.id,
          message: {
            id: 'replayed',
            text: 'again @Mo',
            user: { id: 'alice', name: 'Alice' },
            mentioned_users: [{ id: memberId }],
          },
        },
        'contract-1',
      );
      await Promise.all([1, 2].map(() => post('/chat', event, headers)));
      await mounted.settled?.();
      expect(
        twilio.messages.filter((m) => m.to === member && m.body.includes('again @Mo')),
      ).toHaveLength(1);
      const forged = await post('/chat', event, { ...headers, 'x-signature': 'f'.repeat(64) });
      expect([forged.status, await errorCode(forged)]).toEqual([401, 'invalid_signature']);
    });
  });
}
