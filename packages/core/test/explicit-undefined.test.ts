import { createMemoryStore } from '@smsbridge/store-memory';
import { describe, expect, it } from 'vitest';
import { type BridgeOptions, resolveConfig } from '../src/bridge-config.js';
import { createBridge, createQuoteBot, type QuoteBotOptions } from '../src/index.js';
import type { ChatMessage } from '../src/interfaces.js';
import { createStreamChatTransport, type StreamChatTransportOptions } from '../src/stream/index.js';
import { createTwilioSmsTransport, type TwilioSmsTransportOptions } from '../src/twilio/index.js';

type OptionalKeys<T> = keyof { [K in keyof T as undefined extends T[K] ? K : never]: K };
/**
 * Every optional option of `T`, each given as `undefined`. Every key is required, so a new option
 * is a compile error here until it is added: "every option" stays every option.
 */
type EveryOptionUndefined<T> = Record<OptionalKeys<T>, undefined>;

const accountSid = `AC${'e'.repeat(32)}`;
const chat = createStreamChatTransport({ apiKey: 'key', apiSecret: 'secret' });
const sms = createTwilioSmsTransport({ accountSid, authToken: 'token', from: '+15005550006' });
const required = {
  chat,
  sms,
  store: createMemoryStore(),
  channel: { type: 'messaging', id: 'undefined-options' },
} satisfies BridgeOptions;

const bridgeUndefined: EveryOptionUndefined<BridgeOptions> = {
  bot: undefined,
  defaultCountry: undefined,
  publicUrl: undefined,
  statusCallbackUrl: undefined,
  signupUrl: undefined,
  verification: undefined,
  tokenTtlSeconds: undefined,
  messages: undefined,
  systemUserId: undefined,
  fanOutConcurrency: undefined,
  smsMaxChars: undefined,
  dedupeTtlSeconds: undefined,
  rateLimits: undefined,
  signUp: undefined,
  throttle: undefined,
  deliveryTtlSeconds: undefined,
  answerTimeoutMs: undefined,
  logger: undefined,
};

const errorOf = (create: () => unknown) => {
  try {
    create();
    return 'no error';
  } catch (error) {
    return (error as Error).message;
  }
};

/** The resolved config without the logger, whose wrapper is a new function each time. */
const resolved = (options: BridgeOptions) => {
  const { logger, ...config } = resolveConfig(options);
  return config;
};

// Users of `exactOptionalPropertyTypes` pass `undefined` on purpose (`baseURL:
// env.STREAM_BASE_URL`); the option types say `?: T | undefined`, and this is the runtime half.
describe('an option given as undefined is an option not given', () => {
  it('createBridge: every optional option, and those of signUp, throttle and channel', () => {
    expect(resolved({ ...required, ...bridgeUndefined })).toEqual(resolved(required));
    const nested = {
      signUp: {
        countries: undefined,
        numberTypes: undefined,
        maxCodesPerHour: undefined,
        maxCodesPerPrefixPerHour: undefined,
      },
      throttle: { textsPerAuthorPerMinute: undefined, textsPerMemberPerMinute: undefined },
    } satisfies {
      signUp: EveryOptionUndefined<NonNullable<BridgeOptions['signUp']>>;
      throttle: EveryOptionUndefined<NonNullable<BridgeOptions['throttle']>>;
    };
    expect(resolved({ ...required, ...nested, defaultCountry: 'US' })).toEqual(
      resolved({ ...required, signUp: {}, throttle: {}, defaultCountry: 'US' }),
    );
    const channel = { ...required.channel, name: undefined, image: undefined };
    expect(() => createBridge({ ...required, channel })).not.toThrow();
  });

  it('bridge.fetch: a context whose every field is undefined', async () => {
    const bridge = createBridge({ ...required, ...bridgeUndefined });
    const context = { clientIp: undefined, waitUntil: undefined, basePath: undefined };
    const response = await bridge.fetch(new Request('http://bridge.test/health'), context);
    expect(response.status).toBe(200);
  });

  it('the Stream and Twilio transports', () => {
    const stream: EveryOptionUndefined<StreamChatTransportOptions> = {
      baseURL: undefined,
      timeoutMs: undefined,
    };
    expect(() =>
      createStreamChatTransport({ apiKey: 'key', apiSecret: 'secret', ...stream }),
    ).not.toThrow();

    const twilio: EveryOptionUndefined<TwilioSmsTransportOptions> = {
      from: undefined,
      messagingServiceSid: undefined,
      apiBaseUrl: undefined,
      timeoutMs: undefined,
    };
    const credentials = { accountSid, authToken: 'token' };
    expect(() =>
      createTwilioSmsTransport({ ...credentials, ...twilio, from: '+15005550006' }),
    ).not.toThrow();
    expect(() =>
      createTwilioSmsTransport({
        ...credentials,
        ...twilio,
        messagingServiceSid: `MG${'1'.repeat(32)}`,
      }),
    ).not.toThrow();
    // Neither sender, given as undefined, is the same mistake as neither given.
    const neither = errorOf(() => createTwilioSmsTransport({ ...credentials, ...twilio }));
    expect(neither).toMatch(/"messagingServiceSid"/);
    expect(neither).toBe(errorOf(() => createTwilioSmsTransport(credentials)));
  });

  it('createQuoteBot', async () => {
    const options: EveryOptionUndefined<QuoteBotOptions> = {
      image: undefined,
      quotes: undefined,
      trigger: undefined,
      timeoutMs: undefined,
    };
    const bot = createQuoteBot({ id: 'kathy', name: 'Chatty Kathy', ...options });
    expect(bot).not.toHaveProperty('image');
    const message: ChatMessage = {
      id: 'm1',
      text: '@Chatty Kathy hello',
      channel: { type: 'messaging', id: 'c' },
      author: { id: 'ada', name: 'Ada' },
      mentioned: [{ id: 'kathy', name: 'Chatty Kathy', online: undefined }],
      parentId: undefined,
      fromBridge: false,
      source: undefined,
      createdAt: undefined,
      noTextTo: undefined,
    };
    expect(await bot.respond({ message })).toMatch(/^@Ada \S/);
  });
});
