import type { TelnyxFailure } from './carrier.js';
import { telnyxTitle } from './errors.js';
import { type MessageDetails, messageRecord, type TelnyxMessage } from './store.js';
import type { TelnyxEventType, TelnyxWebhookSender } from './webhooks.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plays an accepted message's life: `sent` (`message.sent`), then `delivered` or, after an
 * injected delivery failure, `delivery_failed` with its error (`message.finalized`), `delayMs`
 * apart. Each event goes to the message's own `webhook_url` only, after the previous one's
 * delivery (retries included) has finished, so they arrive in order.
 */
export class StatusWebhookRunner {
  constructor(
    private readonly sender: TelnyxWebhookSender,
    private readonly delayMs: number,
  ) {}

  /** Starts the sequence of a new message, shaped by the delivery failure it met, if any. */
  start(message: TelnyxMessage, details: MessageDetails, failure: TelnyxFailure | undefined): void {
    this.sender.track(this.run(message, details, failure));
  }

  private async run(
    message: TelnyxMessage,
    details: MessageDetails,
    failure: TelnyxFailure | undefined,
  ): Promise<void> {
    await sleep(this.delayMs);
    if (this.sender.isClosed) return;
    message.status = 'sent';
    details.sentAt = new Date();
    await this.post('message.sent', message, details);

    await sleep(this.delayMs);
    if (this.sender.isClosed) return;
    message.status = failure ? 'delivery_failed' : 'delivered';
    if (failure) message.errors = [{ code: failure.code, title: telnyxTitle(failure.code) }];
    details.completedAt = new Date();
    await this.post('message.finalized', message, details);
  }

  private async post(
    eventType: TelnyxEventType,
    message: TelnyxMessage,
    details: MessageDetails,
  ): Promise<void> {
    if (!details.webhookUrl) return;
    await this.sender.send(details.webhookUrl, eventType, messageRecord(message, details)).done;
  }
}
