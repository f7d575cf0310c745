import { randomUUID } from 'node:crypto';
import { postWebhook } from '../http/deliver.js';
import { signStreamWebhook } from './sign-webhook.js';

/** Stream's webhook retry policy; the defaults are Stream's documented numbers. */
export interface WebhookRetryPolicy {
  /** Attempts in all when the answer is 408, 429, 5xx or a timeout. Default 3. */
  maxAttempts: number;
  /** Attempts in all when the connection fails outright. Default 2. */
  maxAttemptsOnNetworkError: number;
  /** Per-request timeout. Default 6000 ms. */
  requestTimeoutMs: number;
  /** Budget for all attempts of one event. Default 15000 ms. */
  totalTimeoutMs: number;
  /** Pause between attempts (kept small so tests stay quick). Default 100 ms. */
  retryDelayMs: number;
}

/** The defaults: 3 attempts, 2 on network errors, 6 s per request, 15 s in all. */
export const STREAM_WEBHOOK_RETRY_DEFAULTS: WebhookRetryPolicy = {
  maxAttempts: 3,
  maxAttemptsOnNetworkError: 2,
  requestTimeoutMs: 6_000,
  totalTimeoutMs: 15_000,
  retryDelayMs: 100,
};

/** One delivery attempt, kept for tests to inspect. */
export interface WebhookAttempt {
  webhookId: string;
  eventType: string;
  attempt: number;
  url: string;
  /** HTTP status, or undefined when no answer came. */
  status: number | undefined;
  error?: 'network' | 'timeout';
}

function isRetriable(status: number | undefined, error: WebhookAttempt['error']): boolean {
  if (error) return true;
  return status === 408 || status === 429 || (status !== undefined && status >= 500);
}

/**
 * Sends Stream webhooks: signed (`X-Signature`, hex HMAC-SHA256 of the exact body bytes), with a
 * webhook id stable across retries, in the background so REST answers never wait for it.
 */
export class WebhookDispatcher {
  /** Every attempt made, in order. */
  readonly attempts: WebhookAttempt[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly credentials: { apiKey: string; apiSecret: string },
    public url: string | undefined,
    private readonly policy: WebhookRetryPolicy,
  ) {}

  /** Queues one event for delivery; no-op without a webhook URL. */
  send(event: { type: string } & Record<string, unknown>): void {
    const url = this.url;
    if (!url) return;
    const delivery = this.deliver(url, event).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  /** Resolves when every queued delivery (retries included) has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async deliver(url: string, event: { type: string }): Promise<void> {
    const webhookId = randomUUID();
    const body = JSON.stringify(event);
    const signature = signStreamWebhook(this.credentials.apiSecret, body);
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      const remaining = this.policy.totalTimeoutMs - (Date.now() - started);
      if (remaining <= 0) return;
      const result = await postWebhook(
        url,
        body,
        {
          'content-type': 'application/json',
          'x-signature': signature,
          'x-api-key': this.credentials.apiKey,
          'x-webhook-id': webhookId,
          'x-webhook-attempt': String(attempt),
          'user-agent': 'Stream-Webhook-Client (smsbridge testkit emulator)',
        },
        Math.min(this.policy.requestTimeoutMs, remaining),
      );
      const record: WebhookAttempt = {
        webhookId,
        eventType: event.type,
        attempt,
        url,
        status: result.status,
      };
      if (result.error) record.error = result.error;
      this.attempts.push(record);
      const limit =
        result.error === 'network'
          ? this.policy.maxAttemptsOnNetworkError
          : this.policy.maxAttempts;
      if (!isRetriable(result.status, result.error) || attempt >= limit) return;
      await new Promise((resolve) => setTimeout(resolve, this.policy.retryDelayMs));
    }
  }
}
