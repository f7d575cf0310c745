import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { invalidOptions } from './http/zod-error.js';
import type { Bot, ChannelRef, ChatTransport, SmsTransport } from './interfaces.js';
import { type BridgeMessages, DEFAULT_MESSAGES } from './messages.js';
import type { Store } from './store.js';

/** Where the bridge reports what it cannot report in a response (failed sends after answering). */
export interface BridgeLogger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Limits on sign-ups; every `/auth` call counts, with `verification: 'none'` too. */
export interface RateLimits {
  /** Seconds between codes to one phone number. Default 30. */
  perPhoneIntervalSeconds: number;
  /** Codes per phone number per hour. Default 5. */
  perPhonePerHour: number;
  /** `/auth` calls per client IP per hour. Default 20. */
  perIpPerHour: number;
}

/** The default sign-up limits. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perPhoneIntervalSeconds: 30,
  perPhonePerHour: 5,
  perIpPerHour: 20,
};

/** Options of `createBridge()`. */
export interface BridgeOptions {
  /** The chat service, e.g. `createStreamChatTransport(...)`. */
  chat: ChatTransport;
  /** The SMS provider, e.g. `createTwilioSmsTransport(...)`. */
  sms: SmsTransport;
  /** Where members, dedupe keys, codes and delivery records live, e.g. `createMemoryStore()`. */
  store: Store;
  /** The channel SMS members talk in; created on first use by the system user. */
  channel: ChannelRef;
  /** An optional bot that answers chat messages, e.g. `createQuoteBot(...)`. */
  bot?: Bot;
  /** The country for numbers typed without `+country`, e.g. `'US'`. */
  defaultCountry?: CountryCode;
  /**
   * The public base URL the routes are mounted under (`https://example.com/bridge`), or a function
   * of the request giving it. Twilio signs this URL: behind a proxy or API Gateway it differs from
   * what the server sees. Default: the request's own URL.
   */
  publicUrl?: string | ((request: Request) => string);
  /** Status callback URL for sent texts when `publicUrl` is a function. */
  statusCallbackUrl?: string;
  /** Where strangers can sign up, included in the reply to unknown numbers. */
  signupUrl?: string;
  /** `'code'` (default) texts a code to prove the phone; `'none'` trusts the form: demos only, unsafe. */
  verification?: 'code' | 'none';
  /** Lifetime of the chat tokens `/auth/verify` issues. Default 24 h. */
  tokenTtlSeconds?: number;
  /** Any of the texts the bridge sends, overridden. */
  messages?: Partial<BridgeMessages>;
  /** The user that creates the channel. Default `smsbridge`. */
  systemUserId?: string;
  /** Texts sent at once when a message mentions many members. Default 8. */
  fanOutConcurrency?: number;
  /** Longest text sent for a chat message, in characters ("…" marks a cut). Default 320. */
  smsMaxChars?: number;
  /** How long webhook ids are remembered for dedupe. Default 24 h. */
  dedupeTtlSeconds?: number;
  /** Sign-up rate limits (any subset). */
  rateLimits?: Partial<RateLimits>;
  /** Default: `console`. */
  logger?: BridgeLogger;
}

const hasMethods = (...names: string[]) =>
  z.custom<object>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function'),
    { message: `must implement ${names.join(', ')}` },
  );

const optionsSchema = z.object({
  chat: hasMethods('parseWebhook', 'upsertUser', 'ensureMembers', 'postMessage', 'createUserToken'),
  sms: hasMethods('parseInbound', 'parseStatus', 'send', 'replyResponse'),
  store: hasMethods('getMemberByPhone', 'upsertMember', 'claimKey', 'saveCode', 'hitRateLimit'),
  channel: z.object({
    type: z.string().min(1),
    id: z.string().regex(/^[\w-]+$/, 'must be letters, digits, "_" or "-"'),
    name: z.string().optional(),
    image: z.string().optional(),
  }),
  bot: hasMethods('respond').optional(),
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code')
    .optional(),
  publicUrl: z.union([z.url(), z.function()]).optional(),
  statusCallbackUrl: z.url().optional(),
  signupUrl: z.url().optional(),
  verification: z.enum(['code', 'none']).optional(),
  tokenTtlSeconds: z.number().int().min(60).optional(),
  messages: z.record(z.string(), z.string()).optional(),
  systemUserId: z.string().min(1).optional(),
  fanOutConcurrency: z.number().int().min(1).max(100).optional(),
  smsMaxChars: z.number().int().min(20).max(1600).optional(),
  dedupeTtlSeconds: z.number().int().min(60).optional(),
  rateLimits: z
    .object({
      perPhoneIntervalSeconds: z.number().int().min(0).optional(),
      perPhonePerHour: z.number().int().min(1).optional(),
      perIpPerHour: z.number().int().min(1).optional(),
    })
    .optional(),
  logger: hasMethods('warn', 'error').optional(),
});

/** The options with every default applied, as the routes use them. */
export interface BridgeConfig {
  chat: ChatTransport;
  sms: SmsTransport;
  store: Store;
  channel: ChannelRef;
  bot: Bot | undefined;
  defaultCountry: CountryCode | undefined;
  publicUrl: BridgeOptions['publicUrl'];
  statusCallbackUrl: string | undefined;
  signupUrl: string | undefined;
  verification: 'code' | 'none';
  tokenTtlSeconds: number;
  messages: BridgeMessages;
  systemUserId: string;
  fanOutConcurrency: number;
  smsMaxChars: number;
  dedupeTtlSeconds: number;
  rateLimits: RateLimits;
  logger: BridgeLogger;
}

/** Validates `createBridge()` options (naming the bad one) and applies the defaults. */
export function resolveConfig(options: BridgeOptions): BridgeConfig {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptions(parsed.error, 'core');
  return {
    chat: options.chat,
    sms: options.sms,
    store: options.store,
    channel: options.channel,
    bot: options.bot,
    defaultCountry: options.defaultCountry,
    publicUrl: options.publicUrl,
    statusCallbackUrl: options.statusCallbackUrl,
    signupUrl: options.signupUrl,
    verification: options.verification ?? 'code',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 24 * 3600,
    messages: { ...DEFAULT_MESSAGES, ...options.messages },
    systemUserId: options.systemUserId ?? 'smsbridge',
    fanOutConcurrency: options.fanOutConcurrency ?? 8,
    smsMaxChars: options.smsMaxChars ?? 320,
    dedupeTtlSeconds: options.dedupeTtlSeconds ?? 24 * 3600,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    logger: options.logger ?? console,
  };
}
