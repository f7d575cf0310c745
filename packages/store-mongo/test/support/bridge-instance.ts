import type { Store } from '@smsbridge/core';
import { type Bridge, createBridge } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import type { StreamEmulator, TwilioEmulator } from '@smsbridge/testkit';
import { type ServedFetch, serveFetch } from '../../../core/test/support/serve-fetch.js';

export const KEYS = {
  apiKey: 'multi-key',
  apiSecret: 'multi-secret',
  accountSid: `AC${'4'.repeat(32)}`,
  authToken: 'multi-token',
};
export const NUMBER = '+15005550006';
export const CHANNEL = { type: 'messaging', id: 'shared', name: 'Shared' };

/** One bridge instance (think: one Lambda) over `store`, served on its own loopback port. */
export async function startInstance(
  store: Store,
  stream: StreamEmulator,
  twilio: TwilioEmulator,
  publicUrl: string | undefined,
  overrides: { verification?: 'code' | 'none' } = {},
): Promise<{ bridge: Bridge; server: ServedFetch }> {
  const bridge = createBridge({
    chat: createStreamChatTransport({
      apiKey: KEYS.apiKey,
      apiSecret: KEYS.apiSecret,
      baseURL: stream.url,
    }),
    sms: createTwilioSmsTransport({
      accountSid: KEYS.accountSid,
      authToken: KEYS.authToken,
      from: NUMBER,
      apiBaseUrl: twilio.url,
    }),
    store,
    channel: CHANNEL,
    // Sign-up texts only numbers of the allowed countries (none unless told, since core's hardening).
    defaultCountry: 'US',
    // Instances behind one public URL (as Lambdas behind one API Gateway) share it; a lone
    // instance checks signatures against the URL it was called on.
    ...(publicUrl ? { publicUrl } : {}),
    rateLimits: { perPhoneIntervalSeconds: 0, perPhonePerHour: 1_000, perIpPerHour: 1_000 },
    logger: { warn: () => {}, error: () => {} },
    ...overrides,
  });
  return { bridge, server: await serveFetch((request) => bridge.fetch(request)) };
}
