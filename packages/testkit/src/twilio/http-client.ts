import { createRequire } from 'node:module';

/** The part of the twilio SDK's `RequestClient` the emulator's client overrides. */
export interface TwilioRequestClientLike {
  request(options: { uri: string } & Record<string, unknown>): Promise<unknown>;
}

const TWILIO_API = /^https:\/\/[a-z0-9.-]*twilio\.com/i;

/**
 * A `twilio.RequestClient` whose requests go to `emulatorUrl` instead of `https://*.twilio.com`,
 * still over real HTTP through the SDK's own axios client. `twilio` is loaded here, on first use
 * only, so starting an emulator does not pay its ~200 ms import.
 */
export function createTwilioHttpClient(emulatorUrl: string): TwilioRequestClientLike {
  const require = createRequire(import.meta.url);
  const { RequestClient } = require('twilio') as {
    RequestClient: new () => TwilioRequestClientLike;
  };
  const base = emulatorUrl.replace(/\/$/, '');
  class EmulatorRequestClient extends RequestClient {
    override request(options: { uri: string } & Record<string, unknown>) {
      return super.request({ ...options, uri: options.uri.replace(TWILIO_API, base) });
    }
  }
  return new EmulatorRequestClient();
}
