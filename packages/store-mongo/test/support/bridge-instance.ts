import { type Bridge, type BridgeOptions, createBridge, type Store } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import { type StreamEmulator, streamWebhookRequest, type TwilioEmulator } from '@smsbridge/testkit';
import { type ServedFetch, serveFetch } from '../../../core/test/support/serve-fetch.js';

export const KEYS = {
  apiKey: 'multi-key',
  apiSecret: 'multi-secret',
  accountSid: `AC${'4'.repeat(32)}`,
  authToken: 'multi-token',
};
export const NUMBER = '+15005550006';
export const CHANNEL = { type: 'messaging', id: 'shared', name: 'Shared' };

/**
 * One bridge instance (think: one Lambda) over `store`, served on its own loopback port.
 * `onExchange` sees a copy of every request and of its answer (to replay one as a provider's
 * retry, or read an answer the emulator that sent the request does not show).
 */
export async function startInstance(
  store: Store,
  stream: StreamEmulator,
  twilio: TwilioEmulator,
  publicUrl: string | undefined,
  overrides: Pick<BridgeOptions, 'verification' | 'answerTimeoutMs'> = {},
  onExchange?: (request: Request, response: Response) => void,
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
    // Sign-up texts only numbers of allowed countries (none unless told, since core's hardening).
    defaultCountry: 'US',
    // Instances behind one public URL (as Lambdas behind one API Gateway) share it; a lone
    // instance checks signatures against the URL it was called on.
    ...(publicUrl ? { publicUrl } : {}),
    rateLimits: { perPhoneIntervalSeconds: 0, perPhonePerHour: 1_000, perIpPerHour: 1_000 },
    logger: { warn: () => {}, error: () => {} },
    ...overrides,
  });
  const server = await serveFetch(async (request) => {
    const copy = onExchange && request.clone();
    const response = await bridge.fetch(request);
    if (copy) onExchange?.(copy, response.clone());
    return response;
  });
  return { bridge, server };
}

/**
 * A Stream `message.new` webhook from a web user in the shared channel, mentioning `memberId`,
 * signed as Stream signs it: what Stream sends, and sends again when it retries.
 */
export function chatWebhook(
  message: { id: string; text: string; memberId: string },
  webhookId: string,
): { body: string; headers: Record<string, string> } {
  return streamWebhookRequest(
    KEYS.apiSecret,
    {
      type: 'message.new',
      channel_type: CHANNEL.type,
      channel_id: CHANNEL.id,
      message: {
        id: message.id,
        text: message.text,
        user: { id: 'web', name: 'Web' },
        mentioned_users: [{ id: message.memberId }],
      },
    },
    webhookId,
  );
}
