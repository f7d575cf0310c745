import { createRequire } from 'node:module';
import type { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StreamEmulator, startStreamEmulator, streamWebhookRequest } from '../stream/index.js';
import type { RunningSmsSide, SmsSide } from './sms-sides/sms-side.js';
import { type TwilioMountEnvironment, twilioSide } from './sms-sides/twilio-side.js';

/**
 * What a mount is given: the emulators to point the bridge's transports at. `sms` is the SMS
 * provider's (Twilio's unless the suite was given another side); with Twilio it is also `twilio`.
 */
export type BridgeMountEnvironment<Sms = TwilioMountEnvironment> = {
  stream: { url: string; apiKey: string; apiSecret: string };
  sms: Sms;
  channel: { type: string; id: string; name: string };
} & (Sms extends TwilioMountEnvironment ? { twilio: TwilioMountEnvironment } : unknown);

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
export interface TestBridgeMountOptions<Sms = TwilioMountEnvironment> {
  name: string;
  /** The SMS provider to run the contract with. Default: Twilio's emulator. */
  sms?: SmsSide<Sms> | undefined;
  /**
   * Creates a bridge for `environment` (memory store, Stream and SMS transports at the
   * emulators, `verification: 'code'`, `defaultCountry: 'US'`) and serves it the way the adapter
   * under test does.
   */
  start(environment: BridgeMountEnvironment<Sms>): Promise<MountedBridge>;
}

const apiKey = 'mount-key';
const apiSecret = 'mount-secret';
const channel = { type: 'messaging', id: 'mounted', name: 'Mounted' };

const require = createRequire(import.meta.url);

/**
 * `stream-chat`, loaded when a mount suite starts: `@smsbridge/testkit/conformance` is also
 * imported for `testStore`, by store projects that have no reason to install the chat SDK.
 */
function loadStreamChat(): typeof StreamChat {
  try {
    return (require('stream-chat') as { StreamChat: typeof StreamChat }).StreamChat;
  } catch (error) {
    throw new Error(
      '[smsbridge] [testkit] testBridgeMount drives the bridge with the "stream-chat" SDK: npm install --save-dev stream-chat',
      { cause: error },
    );
  }
}

/**
 * The bridge's Request→Response contract, run unchanged over every way of serving it
 * (`bridge.fetch`, Express, Lambda events). Drives only HTTP, the emulators and the real SDKs.
 */
export function testBridgeMount<Sms = TwilioMountEnvironment>(
  options: TestBridgeMountOptions<Sms>,
): void {
  const side = (options.sms ?? twilioSide()) as SmsSide<Sms>;
  describe(`bridge contract: ${options.name}`, () => {
    let stream: StreamEmulator;
    let sms: RunningSmsSide<Sms>;
    let mounted: MountedBridge;
    let server: StreamChat;
    let memberId = '';
    const member = '+14155550701';

    beforeAll(async () => {
      const StreamChatClient = loadStreamChat();
      stream = await startStreamEmulator({ apiKey, apiSecret, webhookRetry: { retryDelayMs: 10 } });
      sms = await side.start();
      mounted = await options.start({
        stream: { url: stream.url, apiKey, apiSecret },
        sms: sms.environment,
        ...(options.sms ? {} : { twilio: sms.environment }),
        channel,
      } as BridgeMountEnvironment<Sms>);
      stream.setWebhookUrl(`${mounted.url}/chat`);
      sms.setWebhookUrl(`${mounted.url}/sms`);
      server = new StreamChatClient(apiKey, apiSecret, { baseURL: stream.url });
      await server.upsertUsers([{ id: 'alice', name: 'Alice Anders' }]);
    });
    afterAll(async () => {
      await mounted?.close();
      await Promise.all([stream?.close(), sms?.close()]);
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
      const type = await post('/sms', sms.foreignBody.body, sms.foreignBody.headers);
      expect([type.status, await errorCode(type)]).toEqual([415, 'unsupported_media_type']);
    });

    it('signs a member up with a texted code', async () => {
      const auth = await json('/auth', { name: 'Mo Mount', phone: member });
      expect(auth.status).toBe(202);
      const code = /\b(\d{6})\b/.exec(sms.textsTo(member).at(-1) ?? '')?.[1];
      const verify = await json('/auth/verify', { phone: member, code });
      expect(verify.status).toBe(200);
      const body = (await verify.json()) as { user: { id: string; name: string }; token: string };
      expect(body.user.name).toBe('Mo Mount');
      memberId = body.user.id;
    });

    it('posts a signed inbound text once, however often it is delivered', async () => {
      const inbound = await sms.signedInbound(`${mounted.url}/sms`, {
        id: `SM${'7'.repeat(32)}`,
        from: member,
        body: 'hello from a phone',
      });
      const responses = await Promise.all(
        [1, 2, 3].map(() => post('/sms', inbound.body, inbound.headers)),
      );
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(responses[0]?.headers.get('content-type')).toMatch(sms.answerType);
      const posted = stream
        .getMessages(`${channel.type}:${channel.id}`)
        .filter((m) => m.text === 'hello from a phone');
      expect(posted).toHaveLength(1);
      expect(posted[0]?.user).toMatchObject({ id: memberId });
      const forgery = sms.forged(inbound);
      const forged = await post('/sms', forgery.body, forgery.headers);
      expect([forged.status, await errorCode(forged)]).toEqual([403, 'forbidden_signature']);
    });

    it("answers HELP through the provider's own flow", async () => {
      const before = sms.textsTo(member).length;
      const help = await sms.phoneTexts(member, 'HELP');
      expect(help.status).toBe(200);
      expect(sms.textsTo(member).slice(before)).toEqual([expect.stringContaining('Reply STOP')]);
    });

    it('texts a mentioned member once per Stream webhook, refusing forged ones', async () => {
      await server.channel(channel.type, channel.id).addMembers(['alice']);
      await server
        .channel(channel.type, channel.id)
        .sendMessage({ text: 'ping @Mo', user_id: 'alice', mentioned_users: [memberId] });
      await stream.webhooksIdle();
      await mounted.settled?.();
      const texts = () => sms.textsTo(member).filter((text) => text.includes('ping @Mo'));
      expect(texts()).toEqual(['Chat from @Alice Anders:\n\nping @Mo']);

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
      expect(sms.textsTo(member).filter((text) => text.includes('again @Mo'))).toHaveLength(1);
      const forged = await post('/chat', event, { ...headers, 'x-signature': 'f'.repeat(64) });
      expect([forged.status, await errorCode(forged)]).toEqual([401, 'invalid_signature']);
    });
  });
}
