import { streamWebhookRequest } from '@smsbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/index.js';
import { BRIDGE_NUMBER, type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';

/** A store that can be made to hang: every call after `hang()` never settles. */
function hangable(store: Store): Store & { hang(): void } {
  let hung = false;
  return new Proxy(store as Store & { hang(): void }, {
    get(target, property, receiver) {
      if (property === 'hang') return () => (hung = true);
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        hung ? new Promise(() => {}) : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
}

/** A request with a deadline of its own, so a hanging bridge fails the test instead of stalling it. */
async function timed(request: () => Promise<Response>) {
  const started = performance.now();
  const response = await request();
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code, ms: performance.now() - started };
}

const ANSWER_WITHIN_MS = 6_000;

function post(h: BridgeHarness, path: string, body: string, headers: Record<string, string>) {
  return fetch(`${h.server.url}${path}`, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(20_000),
  });
}

function signedChat(h: BridgeHarness, memberId: string) {
  const { body, headers } = streamWebhookRequest('bridge-secret', {
    type: 'message.new',
    cid: 'messaging:chatty-kathy',
    channel_type: 'messaging',
    channel_id: 'chatty-kathy',
    message: {
      id: `m-${Math.random()}`,
      text: 'hi @Ada',
      user: { id: 'alice', name: 'Alice' },
      mentioned_users: [{ id: memberId, name: 'Ada', online: false }],
    },
  });
  return post(h, '/chat', body, headers);
}

describe('a dependency that hangs gets a 503 within 6 s, never a hung request (item 9)', () => {
  const ADA = '+14155550651';

  describe('Twilio hangs', () => {
    let h: BridgeHarness;
    let adaId: string;
    beforeAll(async () => {
      h = await startBridgeHarness({ defaultCountry: 'US' }, { twilioLatencyMs: 60_000 });
      adaId = await h.addMember('Ada', ADA);
    });
    afterAll(() => h.close());

    it('/auth answers 503 upstream_unavailable', async () => {
      const result = await timed(() =>
        post(h, '/auth', JSON.stringify({ name: 'Bo', phone: '+14155550652' }), {
          'content-type': 'application/json',
        }),
      );
      expect(result).toMatchObject({ status: 503, code: 'upstream_unavailable' });
      expect(result.ms).toBeLessThan(ANSWER_WITHIN_MS);
    });

    it('/chat answers 503 upstream_unavailable', async () => {
      const result = await timed(() => signedChat(h, adaId));
      expect(result).toMatchObject({ status: 503, code: 'upstream_unavailable' });
      expect(result.ms).toBeLessThan(ANSWER_WITHIN_MS);
    });
  });

  describe('Stream hangs', () => {
    let h: BridgeHarness;
    beforeAll(async () => {
      h = await startBridgeHarness({ defaultCountry: 'US', verification: 'none' });
      await h.addMember('Ada', ADA);
      h.stream.addFault({ hang: true });
    });
    afterAll(() => h.close());

    it('/sms answers 503 and /auth answers 503', async () => {
      const sms = performance.now();
      const result = await h.twilio.sendSms({ from: ADA, to: BRIDGE_NUMBER, body: 'anyone?' });
      expect(result.status).toBe(503);
      expect(performance.now() - sms).toBeLessThan(ANSWER_WITHIN_MS);
      const auth = await timed(() =>
        post(h, '/auth', JSON.stringify({ name: 'Bo', phone: '+14155550653' }), {
          'content-type': 'application/json',
        }),
      );
      expect(auth).toMatchObject({ status: 503, code: 'upstream_unavailable' });
      expect(auth.ms).toBeLessThan(ANSWER_WITHIN_MS);
    });
  });

  describe('the store hangs', () => {
    let h: BridgeHarness;
    let store: ReturnType<typeof hangable>;
    let adaId: string;
    beforeAll(async () => {
      h = await startBridgeHarness(
        { defaultCountry: 'US' },
        { wrapStore: (inner) => (store = hangable(inner)) },
      );
      adaId = await h.addMember('Ada', ADA);
      store.hang();
    });
    afterAll(() => h.close());

    it('/sms, /chat and /auth each answer 503', async () => {
      const sms = performance.now();
      expect((await h.twilio.sendSms({ from: ADA, to: BRIDGE_NUMBER, body: 'hello' })).status).toBe(
        503,
      );
      expect(performance.now() - sms).toBeLessThan(ANSWER_WITHIN_MS);
      const chat = await timed(() => signedChat(h, adaId));
      expect(chat).toMatchObject({ status: 503, code: 'upstream_unavailable' });
      expect(chat.ms).toBeLessThan(ANSWER_WITHIN_MS);
      const auth = await timed(() =>
        post(h, '/auth', JSON.stringify({ name: 'Bo', phone: '+14155550654' }), {
          'content-type': 'application/json',
        }),
      );
      expect(auth).toMatchObject({ status: 503, code: 'upstream_unavailable' });
      expect(auth.ms).toBeLessThan(ANSWER_WITHIN_MS);
    });
  });
});
