import type { CountryCode, NumberType } from 'libphonenumber-js';
import * as z from 'zod';
import { invalidOptions } from './http/zod-error.js';
import type { Bot, ChannelRef, ChatTransport, SmsTransport } from './interfaces.js';
import { type BridgeMessages, DEFAULT_MESSAGES } from './messages.js';
import { redactDeep, redactPhoneNumbers } from './policy/redact.js';
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

/**
 * Who `/auth` texts a code to. SMS pumping fraud signs up premium-rate and foreign numbers by the
 * thousand to bill the sender; these rules hold with no client IP at all.
 */
export interface SignUpOptions {
  /** Countries whose numbers may sign up, or `'any'`. Default: `[defaultCountry]`, or none. */
  countries?: CountryCode[] | 'any' | undefined;
  /**
   * libphonenumber-js number types that may sign up. Default `['MOBILE',
   * 'FIXED_LINE_OR_MOBILE']` (the second is how US and Canadian numbers read). Premium rate,
   * shared cost, UAN, pager, personal and non-geographic numbers are never texted.
   */
  numberTypes?: NumberType[] | undefined;
  /** Codes texted per hour, all numbers together. Default 200. */
  maxCodesPerHour?: number | undefined;
  /** Codes texted per hour to one number range (country code + 3 national digits). Default 20. */
  maxCodesPerPrefixPerHour?: number | undefined;
}

/** Caps on the texts chat messages cause; excess texts are skipped and logged. */
export interface ThrottleOptions {
  /** Texts one chat author's messages may cause per minute. Default 30. */
  textsPerAuthorPerMinute?: number | undefined;
  /** Texts one member may receive per minute. Default 10. */
  textsPerMemberPerMinute?: number | undefined;
}

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
  bot?: Bot | undefined;
  /** The country for numbers typed without `+country`, e.g. `'US'`. */
  defaultCountry?: CountryCode | undefined;
  /**
   * The public base URL the routes are mounted under (`https://example.com/bridge`), or a function
   * of the request giving it. Twilio signs this URL: behind a proxy or API Gateway it differs from
   * what the server sees. Default: the request's own URL.
   */
  publicUrl?: string | ((request: Request) => string) | undefined;
  /** Status callback URL for sent texts when `publicUrl` is a function. */
  statusCallbackUrl?: string | undefined;
  /** Where strangers can sign up, included in the reply to unknown numbers. */
  signupUrl?: string | undefined;
  /** `'code'` (default) texts a code to prove the phone; `'none'` trusts the form: demos only, unsafe. */
  verification?: 'code' | 'none' | undefined;
  /** Lifetime of the chat tokens `/auth/verify` issues. Default 24 h. */
  tokenTtlSeconds?: number | undefined;
  /** Any of the texts the bridge sends, overridden. */
  messages?: Partial<BridgeMessages> | undefined;
  /** The user that creates the channel. Default `smsbridge`. */
  systemUserId?: string | undefined;
  /** Texts sent at once when a message mentions many members. Default 8. */
  fanOutConcurrency?: number | undefined;
  /** Longest text sent for a chat message, in characters ("…" marks a cut). Default 320. */
  smsMaxChars?: number | undefined;
  /** How long webhook ids are remembered for dedupe. Default 24 h. */
  dedupeTtlSeconds?: number | undefined;
  /** Sign-up rate limits (any subset). */
  rateLimits?: Partial<RateLimits> | undefined;
  /** Which numbers `/auth` texts, and how many codes an hour (see {@link SignUpOptions}). */
  signUp?: SignUpOptions | undefined;
  /** Caps on texts per chat author and per member (see {@link ThrottleOptions}). */
  throttle?: ThrottleOptions | undefined;
  /** How long delivery records (Twilio's status per text) are kept. Default 30 days. */
  deliveryTtlSeconds?: number | undefined;
  /**
   * The longest a request may take before the bridge answers 503 `upstream_unavailable`, so a
   * hung store, chat or SMS provider never leaves Stream (which gives up at 6 s) or Twilio (15 s)
   * without an answer. Default 5000 ms.
   */
  answerTimeoutMs?: number | undefined;
  /** Default: `console`. Phone numbers are masked in everything logged. */
  logger?: BridgeLogger | undefined;
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
  sms: hasMethods('parseInbound', 'parseStatus', 'send'),
  store: hasMethods(
    'getMemberByPhone',
    'findMembersByName',
    'upsertMember',
    'claimKey',
    'issueCode',
    'consumeCode',
    'hitRateLimit',
    'sweepExpired',
  ),
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
  signUp: z
    .object({
      countries: z
        .union([
          z.literal('any'),
          z.array(z.string().regex(/^[A-Z]{2}$/, 'must be two-letter codes')),
        ])
        .optional(),
      numberTypes: z.array(z.string().regex(/^[A-Z_]+$/)).optional(),
      maxCodesPerHour: z.number().int().min(1).optional(),
      maxCodesPerPrefixPerHour: z.number().int().min(1).optional(),
    })
    .optional(),
  throttle: z
    .object({
      textsPerAuthorPerMinute: z.number().int().min(1).optional(),
      textsPerMemberPerMinute: z.number().int().min(1).optional(),
    })
    .optional(),
  deliveryTtlSeconds: z.number().int().min(60).optional(),
  answerTimeoutMs: z.number().int().min(100).optional(),
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
  signUp: Required<Omit<SignUpOptions, 'countries'>> & { countries: CountryCode[] | 'any' };
  throttle: Required<ThrottleOptions>;
  deliveryTtlSeconds: number;
  answerTimeoutMs: number;
  logger: BridgeLogger;
}

/**
 * The logger with every phone number masked, in messages and details alike: provider errors
 * quote the number they refused ("Invalid 'To' Phone Number: +1415…"), and logs are kept and
 * read far more widely than the store.
 */
function redactingLogger(logger: BridgeLogger): BridgeLogger {
  const safe = (details?: Record<string, unknown>) =>
    details === undefined ? undefined : (redactDeep(details) as Record<string, unknown>);
  return {
    warn: (message, details) => logger.warn(redactPhoneNumbers(message), safe(details)),
    error: (message, details) => logger.error(redactPhoneNumbers(message), safe(details)),
  };
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
    signUp: {
      countries:
        options.signUp?.countries ?? (options.defaultCountry ? [options.defaultCountry] : []),
      numberTypes: options.signUp?.numberTypes ?? ['MOBILE', 'FIXED_LINE_OR_MOBILE'],
      maxCodesPerHour: options.signUp?.maxCodesPerHour ?? 200,
      maxCodesPerPrefixPerHour: options.signUp?.maxCodesPerPrefixPerHour ?? 20,
    },
    throttle: {
      textsPerAuthorPerMinute: options.throttle?.textsPerAuthorPerMinute ?? 30,
      textsPerMemberPerMinute: options.throttle?.textsPerMemberPerMinute ?? 10,
    },
    deliveryTtlSeconds: options.deliveryTtlSeconds ?? 30 * 24 * 3600,
    answerTimeoutMs: options.answerTimeoutMs ?? 5_000,
    logger: redactingLogger(options.logger ?? console),
  };
}
