import { postWebhook } from '../http/deliver.js';
import type { WebhookParams } from './signature.js';
import { encodeForm, signTwilioRequest } from './signature.js';
import type { MessageStore, TwilioMessage, TwilioMessageStatus } from './store.js';

/** How status callbacks play out for messages that do not fail. */
export interface StatusCallbackOptions {
  /** Statuses reported after `queued`, in order. Default `['sent', 'delivered']`. */
  sequence?: TwilioMessageStatus[];
  /** Pause before each status. Default 50 ms. */
  delayMs?: number;
}

/**
 * Moves a message through its statuses and, when it has a StatusCallback URL, POSTs each one
 * signed like every Twilio webhook. An asynchronous failure code ends it `undelivered` with the
 * ErrorCode, as carriers report 30003–30008.
 */
export class StatusCallbackRunner {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: MessageStore,
    private readonly authToken: string,
    private readonly options: Required<StatusCallbackOptions>,
  ) {}

  start(message: TwilioMessage, asyncErrorCode: number | undefined): void {
    const run = this.run(message, asyncErrorCode).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves when every running status sequence has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async run(message: TwilioMessage, asyncErrorCode: number | undefined): Promise<void> {
    const sequence: TwilioMessageStatus[] =
      asyncErrorCode === undefined ? this.options.sequence : ['sent', 'undelivered'];
    for (const status of sequence) {
      await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
      const failed = status === 'undelivered' || status === 'failed';
      this.store.setStatus(message, status, failed ? asyncErrorCode : undefined);
      if (message.statusCallback) await this.post(message.statusCallback, message);
    }
  }

  private async post(url: string, message: TwilioMessage): Promise<void> {
    const params: WebhookParams = {
      AccountSid: message.accountSid,
      ApiVersion: '2010-04-01',
      From: message.from ?? '',
      MessageSid: message.sid,
      MessageStatus: message.status,
      SmsSid: message.sid,
      SmsStatus: message.status,
      To: message.to,
    };
    if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
    if (message.errorCode !== null) params.ErrorCode = String(message.errorCode);
    await postWebhook(
      url,
      encodeForm(params),
      {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(this.authToken, url, params),
        'user-agent': 'TwilioProxy/1.1 (smsbridge testkit emulator)',
      },
      15_000,
    );
  }
}
