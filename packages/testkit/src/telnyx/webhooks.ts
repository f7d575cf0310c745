import { randomUUID } from 'node:crypto';
import { postWebhook } from '../http/deliver.js';
import type { TelnyxSigner } from './signature.js';

/** The messaging events the emulator sends. */
export type TelnyxEventType = 'message.received' | 'message.sent' | 'message.finalized';

/** How webhook deliveries are retried. */
export interface TelnyxWebhookRetries {
  /** Attempts in all for one event. Default 3. */
  attempts?: number | undefined;
  /** Pause between attempts (short, so tests stay quick). Default 100 ms. */
  delayMs?: number | undefined;
  /** How long an answer may take before the attempt counts as failed. Default 2000 ms. */
  timeoutMs?: number | undefined;
}

/** One event on its way: the first attempt's answer, and the end of all its attempts. */
export interface WebhookDelivery {
  /** HTTP status of the first attempt's answer; undefined when none came (refused, timeout). */
  firstStatus: Promise<number | undefined>;
  /** Resolves once the event was answered with a 2xx or ran out of attempts. */
  done: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers Telnyx webhooks: JSON `{ data: { record_type: 'event', id, event_type, occurred_at,
 * payload }, meta: { attempt, delivered_to } }`, signed anew on every attempt (the body's
 * `meta.attempt` and the timestamp change; the event id does not). Any 2xx is success and the
 * answer's body is ignored; anything else, or no answer in time, is retried.
 */
export class TelnyxWebhookSender {
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;
  private readonly policy: Required<TelnyxWebhookRetries>;

  constructor(
    private readonly signer: TelnyxSigner,
    retries: TelnyxWebhookRetries = {},
  ) {
    this.policy = { attempts: 3, delayMs: 100, timeoutMs: 2_000, ...retries };
  }

  /** Queues one event for `url`. */
  send(url: string, eventType: TelnyxEventType, payload: unknown): WebhookDelivery {
    let answered: (status: number | undefined) => void = () => {};
    const firstStatus = new Promise<number | undefined>((resolve) => {
      answered = resolve;
    });
    const done = this.track(
      this.deliver(url, eventType, payload, answered).finally(() => answered(undefined)),
    );
    return { firstStatus, done };
  }

  /** Counts `work` as pending until it settles, so {@link idle} waits for it. */
  track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    return tracked;
  }

  /** Resolves when every queued delivery (retries included) and tracked sequence has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Stops further attempts and sequences (what is on the wire finishes). */
  close(): void {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private async deliver(
    url: string,
    eventType: TelnyxEventType,
    payload: unknown,
    answered: (status: number | undefined) => void,
  ): Promise<void> {
    const id = randomUUID();
    const occurredAt = new Date().toISOString();
    for (let attempt = 1; !this.closed; attempt += 1) {
      const body = JSON.stringify({
        data: { record_type: 'event', id, event_type: eventType, occurred_at: occurredAt, payload },
        meta: { attempt, delivered_to: url },
      });
      const headers = await this.signer.sign(body);
      const result = await postWebhook(
        url,
        body,
        { 'content-type': 'application/json', ...headers },
        this.policy.timeoutMs,
      );
      if (attempt === 1) answered(result.status);
      const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
      if (ok || attempt >= this.policy.attempts) return;
      await sleep(this.policy.delayMs);
    }
  }
}
