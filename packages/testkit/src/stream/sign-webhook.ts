import { createHmac, randomUUID } from 'node:crypto';

/**
 * Stream's `X-Signature` for a webhook body: the lowercase hex HMAC-SHA256 of the exact bytes,
 * keyed with the API secret (what `client.verifyWebhook` checks).
 */
export function signStreamWebhook(apiSecret: string, body: string): string {
  return createHmac('sha256', apiSecret).update(body, 'utf8').digest('hex');
}

/** A webhook request as Stream sends one: the JSON body and the headers a receiver reads. */
export interface StreamWebhookRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * The webhook request Stream would send for `event`, signed with `apiSecret`, for tests that
 * deliver (or replay, or forge) a webhook themselves. `webhookId` is random unless given.
 */
export function streamWebhookRequest(
  apiSecret: string,
  event: Record<string, unknown>,
  webhookId: string = randomUUID(),
): StreamWebhookRequest {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature': signStreamWebhook(apiSecret, body),
      'x-webhook-id': webhookId,
    },
  };
}
