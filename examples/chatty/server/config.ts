import type { CountryCode } from 'libphonenumber-js';
import * as z from 'zod';

/** The credentials that switch Chatty from local mode to the real services. */
const LIVE_KEYS = [
  'STREAM_API_KEY',
  'STREAM_API_SECRET',
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_NUMBER',
] as const;

/** A TCP port; 0 lets the system pick a free one (what tests use). */
const port = z.coerce.number().int().min(0).max(65_535);

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  STREAM_API_KEY: z.string().min(1).optional(),
  STREAM_API_SECRET: z.string().min(1).optional(),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC/, 'must start with AC').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_NUMBER: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/, 'must be E.164, like +15005550006')
    .optional(),
  MONGODB_URI: z.string().min(1).optional(),
  /** Live mode through a proxy (or the emulators): where the Stream and Twilio APIs are. */
  STREAM_BASE_URL: z.url().optional(),
  TWILIO_API_BASE_URL: z.url().optional(),
  /**
   * Local mode: where the emulators listen. Fixed by default, so the phone simulator's URL (and
   * a bookmarked tab) stays the same across restarts; the defaults match `npm run emulators`.
   */
  STREAM_EMULATOR_PORT: port.default(4010),
  TWILIO_EMULATOR_PORT: port.default(4020),
  CHANNEL_ID: z
    .string()
    .regex(/^[\w-]+$/)
    .default('chatty'),
  /**
   * Countries whose numbers may sign up (the bridge's `signUp.countries`, and the Country
   * picker's choices): two-letter codes, comma-separated.
   */
  SIGNUP_COUNTRIES: z
    .string()
    .regex(/^[A-Z]{2}(,[A-Z]{2})*$/, 'must be two-letter country codes, comma-separated')
    .default('US,CA,GB')
    .transform((list) => list.split(',') as CountryCode[]),
});

/** Chatty's configuration, from environment variables (see `.env.example`). */
export type ChattyConfig = z.infer<typeof envSchema> & { mode: 'local' | 'live' };

/**
 * Reads and validates the environment. No credentials at all: local mode (emulators, memory
 * store, no accounts). All of them: live mode. Some but not all: an error naming the missing ones,
 * because silently falling back to local mode would hide a deployment mistake.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ChattyConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`[chatty] Invalid ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const given = LIVE_KEYS.filter((key) => parsed.data[key] !== undefined);
  if (given.length > 0 && given.length < LIVE_KEYS.length) {
    const missing = LIVE_KEYS.filter((key) => parsed.data[key] === undefined);
    throw new Error(
      `[chatty] Live mode needs ${missing.join(', ')} too (or unset them all for local mode).`,
    );
  }
  return { ...parsed.data, mode: given.length === 0 ? 'local' : 'live' };
}
