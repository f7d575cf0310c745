import { createMemoryStore } from '@smsbridge/store-memory';
import {
  type StreamEmulator,
  startStreamEmulator,
  startTwilioEmulator,
  type TwilioEmulator,
} from '@smsbridge/testkit';
import { StreamChat } from 'stream-chat';
import { type Bridge, type BridgeOptions, createBridge } from '../../src/index.js';
import type { SmsTransport } from '../../src/interfaces.js';
import type { Store } from '../../src/store.js';
import { createStreamChatTransport } from '../../src/stream/index.js';
import { createTwilioSmsTransport } from '../../src/twilio/index.js';
import { type ServedFetch, serveFetch } from './serve-fetch.js';

export const BRIDGE_NUMBER = '+15005550006';
export const CHANNEL = { type: 'messaging', id: 'chatty-kathy', name: 'Chatty Kathy' };
const apiKey = 'bridge-key';
const apiSecret = 'bridge-secret';
const accountSid = `AC${'b'.repeat(32)}`;
const authToken = 'bridge-token';

/** A real bridge wired to both emulators and the memory store, served over loopback HTTP. */
export interface BridgeHarness {
  bridge: Bridge;
  server: ServedFetch;
  stream: StreamEmulator;
  twilio: TwilioEmulator;
  store: Store;
  streamServer: StreamChat;
  warnings: string[];
  /** Every log line with its details, as JSON (to check what reaches the logs). */
  logs: string[];
  /** Every request the bridge received, as bytes, so a test can replay one exactly. */
  received: { path: string; headers: Headers; body: ArrayBuffer }[];
  /** Sends a recorded request to the bridge again, byte for byte (what a provider retry does). */
  replay(index: number): Promise<Response>;
  /** Recreates the chat side (users, channel, members) on a restarted Stream emulator. */
  reseed(): Promise<void>;
  /** Signs up a member the way /auth/verify will: store, Stream user, channel member. */
  addMember(name: string, phone: string): Promise<string>;
  /** Texts from the bridge's own sends (API), excluding carrier auto-replies. */
  textsTo(phone: string): string[];
  close(): Promise<void>;
}

/**
 * Test-only knobs: wrappers around the real SMS transport and store, Stream's webhook timeout,
 * Twilio's answer time.
 */
export interface HarnessOptions {
  wrapSms?: (sms: SmsTransport) => SmsTransport;
  wrapStore?: (store: Store) => Store;
  streamWebhookTimeoutMs?: number;
  twilioLatencyMs?: number;
  /** What the bridge's Twilio transport is configured with, where a test gets it wrong. */
  twilioCredentials?: { authToken?: string; from?: string };
}

export async function startBridgeHarness(
  overrides: Partial<BridgeOptions> = {},
  harnessOptions: HarnessOptions = {},
): Promise<BridgeHarness> {
  const timeout = harnessOptions.streamWebhookTimeoutMs;
  const stream = await startStreamEmulator({
    apiKey,
    apiSecret,
    webhookRetry: { retryDelayMs: 10, ...(timeout ? { requestTimeoutMs: timeout } : {}) },
  });
  const twilio = await startTwilioEmulator({
    accountSid,
    authToken,
    phoneNumbers: [BRIDGE_NUMBER],
    statusCallbacks: { delayMs: 5 },
    ...(harnessOptions.twilioLatencyMs ? { latencyMs: harnessOptions.twilioLatencyMs } : {}),
  });
  const store = createMemoryStore();
  const warnings: string[] = [];
  const logs: string[] = [];
  const log = (message: string, details?: Record<string, unknown>) => {
    warnings.push(message);
    logs.push(JSON.stringify({ message, details }));
  };
  let bridge: Bridge | undefined;
  const received: BridgeHarness['received'] = [];
  const server = await serveFetch(async (request) => {
    received.push({
      path: new URL(request.url).pathname,
      headers: new Headers(request.headers),
      body: await request.clone().arrayBuffer(),
    });
    return (bridge as Bridge).fetch(request);
  });
  bridge = createBridge({
    chat: createStreamChatTransport({ apiKey, apiSecret, baseURL: stream.url }),
    sms: (harnessOptions.wrapSms ?? ((sms: SmsTransport) => sms))(
      createTwilioSmsTransport({
        accountSid,
        authToken,
        from: BRIDGE_NUMBER,
        apiBaseUrl: twilio.url,
        ...harnessOptions.twilioCredentials,
      }),
    ),
    store: (harnessOptions.wrapStore ?? ((inner: Store) => inner))(store),
    channel: CHANNEL,
    publicUrl: server.url,
    defaultCountry: 'US',
    logger: { warn: log, error: log },
    ...overrides,
  });
  stream.setWebhookUrl(`${server.url}/chat`);
  twilio.setWebhookUrl(`${server.url}/sms`);
  const streamServer = new StreamChat(apiKey, apiSecret, { baseURL: stream.url });
  const chat = createStreamChatTransport({ apiKey, apiSecret, baseURL: stream.url });
  const seedChat = async () => {
    await chat.upsertUser({ id: 'smsbridge', name: 'SMS bridge' });
    await streamServer.upsertUsers([{ id: 'alice', name: 'Alice Anders' }]);
    await chat.ensureMembers(CHANNEL, 'smsbridge', ['alice']);
  };
  await seedChat();

  const harness: BridgeHarness = {
    bridge,
    server,
    stream,
    twilio,
    store,
    streamServer,
    warnings,
    logs,
    received,
    replay(index) {
      const original = received[index];
      if (!original) throw new Error(`no request #${index}`);
      return fetch(`${server.url}${original.path}`, {
        method: 'POST',
        headers: original.headers,
        body: original.body,
      });
    },
    async reseed() {
      await seedChat();
      harness.stream.setWebhookUrl(`${server.url}/chat`);
      for (const member of await store.listMembers()) {
        if (!member.verified) continue;
        await chat.upsertUser({ id: member.id, name: member.name });
        await chat.ensureMembers(CHANNEL, 'smsbridge', [member.id]);
      }
    },
    async addMember(name, phone) {
      const member = await store.upsertMember({
        phone,
        name,
        verified: true,
        newId: `sms-${crypto.randomUUID()}`,
      });
      await chat.upsertUser({ id: member.id, name });
      await chat.ensureMembers(CHANNEL, 'smsbridge', [member.id]);
      return member.id;
    },
    textsTo(phone) {
      return twilio.messages.filter((m) => m.to === phone && m.source === 'api').map((m) => m.body);
    },
    async close() {
      await Promise.all([harness.stream.close(), twilio.close(), server.close(), store.close?.()]);
    },
  };
  return harness;
}
