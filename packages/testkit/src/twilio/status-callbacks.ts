import { postWebhook } from '../http/deliver.js';
import { deliveryAlert, type TwilioAlert } from './alerts.js';
import type { InjectedFailure } from './carrier.js';
import { encodeForm, signTwilioRequest, type WebhookParams } from './signature.js';
import type { MessageStore, TwilioMessage, TwilioMessageStatus } from './store.js';

/** One status a message moves to: a bare status, or one with an error code and its own pause. */
export type StatusStep =
  | TwilioMessageStatus
  | {
      /** The status reported. */
      status: TwilioMessageStatus;
      /** Reported as `ErrorCode` (meaningful for `failed` / `undelivered`). */
      errorCode?: number | undefined;
      /** Pause before this step, overriding {@link StatusCallbackOptions.delayMs}. */
      delayMs?: number | undefined;
    };

/** How status callbacks play out for messages that do not meet an injected failure. */
export interface StatusCallbackOptions {
  /**
   * Statuses reported after creation, in order. Default `['sent', 'delivered']`. A step such as
   * `{ status: 'undelivered', errorCode: 30005 }` makes every message end that way.
   */
  sequence?: StatusStep[] | undefined;
  /** Pause before each status. Default 50 ms. */
  delayMs?: number | undefined;
}

interface NormalizedStep {
  status: TwilioMessageStatus;
  errorCode: number | undefined;
  delayMs: number;
}

/** Twilio's error texts for the carrier codes it reports in callbacks and on the resource. */
const ASYNC_ERROR_MESSAGES: Record<number, string> = {
  30001: 'Queue overflow',
  30002: 'Account suspended',
  30003: 'Unreachable destination handset',
  30004: 'Message blocked',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered',
  30008: 'Unknown error',
};

/** What the runner needs: where messages live, how to sign, and pacing. */
export interface StatusCallbackRunnerOptions {
  store: MessageStore;
  authToken: string;
  /** Senders a Messaging Service picks from (the account's numbers). */
  serviceNumbers: readonly string[];
  sequence: StatusStep[];
  delayMs: number;
  /** Where failed deliveries are recorded (11200/11205), as Twilio's debugger would. */
  alerts: TwilioAlert[];
}

/**
 * Moves a message through its statuses and, when it has a StatusCallback URL, POSTs each one
 * signed like every Twilio webhook (none for the initial status, as Twilio does). An injected
 * asynchronous failure ends it `undelivered` (after `sent`) or `failed`, with the ErrorCode.
 */
export class StatusCallbackRunner {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: StatusCallbackRunnerOptions) {}

  /** Starts the status sequence of a new message, shaped by the failure it met, if any. */
  start(message: TwilioMessage, failure: InjectedFailure | undefined): void {
    const run = this.run(message, this.stepsFor(failure)).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves when every running status sequence has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private stepsFor(failure: InjectedFailure | undefined): NormalizedStep[] {
    const { delayMs } = this.options;
    if (failure) {
      const final = { status: failure.outcome ?? 'undelivered', errorCode: failure.code, delayMs };
      return final.status === 'failed'
        ? [final]
        : [{ status: 'sent', errorCode: undefined, delayMs }, final];
    }
    return this.options.sequence.map((step) =>
      typeof step === 'string'
        ? { status: step, errorCode: undefined, delayMs }
        : { status: step.status, errorCode: step.errorCode, delayMs: step.delayMs ?? delayMs },
    );
  }

  private async run(message: TwilioMessage, steps: NormalizedStep[]): Promise<void> {
    for (const step of steps) {
      await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      // A Messaging Service picks its sender once the message leaves `accepted`.
      message.from ??= this.options.serviceNumbers[0] ?? null;
      const errorMessage =
        step.errorCode === undefined
          ? undefined
          : (ASYNC_ERROR_MESSAGES[step.errorCode] ?? `Error ${step.errorCode}`);
      this.options.store.setStatus(message, step.status, step.errorCode, errorMessage);
      if (message.statusCallback) await this.post(message.statusCallback, message);
    }
  }

  private async post(url: string, message: TwilioMessage): Promise<void> {
    const params: WebhookParams = {
      AccountSid: message.accountSid,
      ApiVersion: '2010-04-01',
      MessageSid: message.sid,
      MessageStatus: message.status,
      SmsSid: message.sid,
      SmsStatus: message.status,
      To: message.to,
    };
    if (message.from) params.From = message.from;
    if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
    const failed = message.status === 'failed' || message.status === 'undelivered';
    if (failed && message.errorCode !== null) params.ErrorCode = String(message.errorCode);
    const result = await postWebhook(
      url,
      encodeForm(params),
      {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(this.options.authToken, url, params),
        'user-agent': 'TwilioProxy/1.1',
      },
      15_000,
    );
    const undelivered = deliveryAlert(result, url, message.sid);
    if (undelivered) this.options.alerts.push(undelivered);
  }
}
