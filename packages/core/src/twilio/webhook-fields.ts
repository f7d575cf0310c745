import * as z from 'zod';
import type { FormFields } from '../http/form.js';
import { invalidRequest } from '../http/zod-error.js';
import type { DeliveryStatus, InboundSms, SmsStatusUpdate } from '../interfaces.js';

// Twilio sends each of these once; a repeated (array) value is refused by z.string().
const sid = z.string().min(2).max(64);
const phone = z.string().min(1).max(32);

const inboundFields = z.object({
  MessageSid: sid,
  From: phone,
  To: phone,
  Body: z.string().max(10_000).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});

const statusFields = z.object({
  MessageSid: sid,
  MessageStatus: z.string().min(1).max(32),
  ErrorCode: z.coerce.number().int().optional(),
});

/** The inbound text Twilio's webhook describes; 400 `invalid_request` naming a bad field. */
export function inboundFromFields(fields: FormFields): InboundSms {
  const parsed = inboundFields.safeParse(fields);
  if (!parsed.success) throw invalidRequest(parsed.error, 'Twilio inbound SMS');
  const { MessageSid, From, To, Body, NumMedia } = parsed.data;
  const mediaUrls: string[] = [];
  for (let index = 0; index < NumMedia; index += 1) {
    const url = fields[`MediaUrl${index}`];
    if (typeof url === 'string') mediaUrls.push(url);
  }
  return { messageId: MessageSid, from: From, to: To, body: Body, mediaUrls };
}

/** Twilio's message statuses in the bridge's words (anything else: still on its way). */
const STATUS: Record<string, DeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/** The delivery update a Twilio status callback describes. */
export function statusFromFields(fields: FormFields): SmsStatusUpdate {
  const parsed = statusFields.safeParse(fields);
  if (!parsed.success) throw invalidRequest(parsed.error, 'Twilio status callback');
  const update: SmsStatusUpdate = {
    messageId: parsed.data.MessageSid,
    status: STATUS[parsed.data.MessageStatus] ?? 'queued',
    providerStatus: parsed.data.MessageStatus,
  };
  if (parsed.data.ErrorCode !== undefined) update.errorCode = parsed.data.ErrorCode;
  return update;
}
