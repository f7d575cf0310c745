// Shared set-up for the benchmarks: the built packages, the emulators, a bridge, signed webhooks.
import { createBridge } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import { createMemoryStore } from '@smsbridge/store-memory';
import {
  signTwilioRequest,
  startStreamEmulator,
  startTwilioEmulator,
  streamWebhookRequest,
} from '@smsbridge/testkit';

export const KEYS = {
  apiKey: 'bench-key',
  apiSecret: 'bench-secret',
  accountSid: `AC${'b'.repeat(32)}`,
  authToken: 'bench-token',
  number: '+15005550006',
};
export const CHANNEL = { type: 'messaging', id: 'bench', name: 'Bench' };

/** Both emulators on loopback; Stream warnings about unknown calls silenced. */
export async function startEmulators({ twilioLatencyMs = 0 } = {}) {
  const stream = await startStreamEmulator({
    apiKey: KEYS.apiKey,
    apiSecret: KEYS.apiSecret,
    onUnknownRequest() {},
  });
  const twilio = await startTwilioEmulator({
    accountSid: KEYS.accountSid,
    authToken: KEYS.authToken,
    phoneNumbers: [KEYS.number],
    latencyMs: twilioLatencyMs,
  });
  return { stream, twilio, close: () => Promise.all([stream.close(), twilio.close()]) };
}

/** A bridge over the memory store, pointed at the emulators. */
export function benchBridge(emulators, options = {}) {
  const store = createMemoryStore();
  const bridge = createBridge({
    chat: createStreamChatTransport({
      apiKey: KEYS.apiKey,
      apiSecret: KEYS.apiSecret,
      baseURL: emulators.stream.url,
    }),
    sms: createTwilioSmsTransport({
      accountSid: KEYS.accountSid,
      authToken: KEYS.authToken,
      from: KEYS.number,
      apiBaseUrl: emulators.twilio.url,
    }),
    store,
    channel: CHANNEL,
    logger: { warn() {}, error() {} },
    ...options,
  });
  return { bridge, store };
}

/** A signed inbound SMS form for `url`. */
export function signedSms(url, { sid, from, body }) {
  const params = { MessageSid: sid, From: from, To: KEYS.number, Body: body };
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(KEYS.authToken, url, params),
    },
  };
}

/** A signed Stream message.new webhook. */
export function signedChatEvent({ webhookId, messageId, text, mentioned = [] }) {
  return streamWebhookRequest(
    KEYS.apiSecret,
    {
      type: 'message.new',
      channel_type: CHANNEL.type,
      channel_id: CHANNEL.id,
      message: {
        id: messageId,
        text,
        user: { id: 'web-user', name: 'Web User' },
        mentioned_users: mentioned,
      },
    },
    webhookId,
  );
}

/** Fails the run (exit code 1 at the end) when a correctness check inside a benchmark fails. */
export function check(condition, message) {
  if (!condition) throw new Error(`correctness check failed: ${message}`);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
