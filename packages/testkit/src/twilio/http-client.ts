import { createRequire } from 'node:module';
import type twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/**
 * The SDK's own `RequestClient` type, so `twilio(sid, token, { httpClient })` type-checks without
 * casts. A type-only import: it costs nothing at runtime, and `twilio` stays a peer dependency.
 */
export type TwilioRequestClientLike = twilio.RequestClient;

/** Every Twilio REST host (`api.twilio.com`, regional and edge hosts, other product domains). */
const TWILIO_API = /^https:\/\/[a-z0-9.-]*twilio\.com/i;

/**
 * A `twilio.RequestClient` whose requests go to `emulatorUrl` instead of `https://*.twilio.com`,
 * still over real HTTP through the SDK's own axios client, so the emulator sees exactly the
 * bytes Twilio would. `twilio` is loaded here, on first use only, so starting an emulator does
 * not pay its ~200 ms import.
 */
export function createTwilioHttpClient(emulatorUrl: string): TwilioRequestClientLike {
  const require = createRequire(import.meta.url);
  const { RequestClient } = require('twilio') as typeof twilio;
  const base = emulatorUrl.replace(/\/$/, '');
  class EmulatorRequestClient extends RequestClient {
    override request<TData>(options: RequestClient.RequestOptions<TData>) {
      return super.request<TData>({ ...options, uri: options.uri.replace(TWILIO_API, base) });
    }
  }
  return new EmulatorRequestClient();
}
