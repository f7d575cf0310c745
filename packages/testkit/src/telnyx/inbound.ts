import { randomUUID } from 'node:crypto';
import { countSegments } from '../twilio/segments.js';
import type { TelnyxCarrier } from './carrier.js';
import { messageRecord, type TelnyxMessage, type TelnyxStore } from './store.js';
import type { TelnyxWebhookSender } from './webhooks.js';

/** A text a phone sends to one of the account's numbers. */
export interface TelnyxInboundSms {
  /** The phone's number (E.164). */
  from: string;
  /** The account's number it texts. */
  to: string;
  text: string;
}

/** What inbound delivery needs from the emulator. */
export interface InboundContext {
  phoneNumbers: readonly string[];
  webhookUrl: string | undefined;
  store: TelnyxStore;
  carrier: TelnyxCarrier;
  sender: TelnyxWebhookSender;
}

/**
 * A phone texts the account: the carrier applies STOP/START first (the text is still delivered),
 * then the signed `message.received` webhook is queued. Resolves with the first attempt's HTTP
 * status (0 when no answer came in time); retries go on in the background.
 */
export async function deliverInboundSms(
  context: InboundContext,
  sms: TelnyxInboundSms,
): Promise<{ status: number }> {
  if (!context.phoneNumbers.includes(sms.to)) {
    throw new Error(
      `[smsbridge] [testkit] ${sms.to} is not one of the Telnyx emulator's phoneNumbers (${context.phoneNumbers.join(', ')}): a text to it would never reach this account.`,
    );
  }
  const url = context.webhookUrl;
  if (!url) {
    throw new Error(
      '[smsbridge] [testkit] The Telnyx emulator has no webhook URL: pass webhookUrl or call setWebhookUrl() first.',
    );
  }
  const message: TelnyxMessage = {
    id: randomUUID(),
    direction: 'inbound',
    from: sms.from,
    to: sms.to,
    text: sms.text,
    status: 'webhook_delivered',
    errors: [],
    createdAt: new Date(),
  };
  const details = {
    parts: countSegments(sms.text),
    webhookUrl: url,
    messagingProfileId: null,
    sentAt: null,
    completedAt: null,
  };
  context.store.add(message, details);
  context.carrier.receive(sms.to, sms.from, sms.text);
  const delivery = context.sender.send(url, 'message.received', messageRecord(message, details));
  return { status: (await delivery.firstStatus) ?? 0 };
}
