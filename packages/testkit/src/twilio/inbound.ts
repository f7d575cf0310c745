import { postWebhook } from '../http/deliver.js';
import { type CarrierState, classifyKeyword, DEFAULT_AUTO_REPLIES } from './carrier.js';
import { countSegments } from './segments.js';
import { encodeForm, signTwilioRequest, type WebhookParams } from './signature.js';
import { type MessageStore, newSid, type OutboundSource, type TwilioMessage } from './store.js';
import { parseTwiml } from './twiml.js';

/** A text a phone sends to one of the account's numbers. */
export interface InboundSms {
  /** The phone's number (E.164). */
  from: string;
  /** The account's number it is sent to. */
  to: string;
  body: string;
  mediaUrls?: string[];
}

/** One `<Message>` of the webhook's TwiML answer, sent back to the phone. */
export interface SmsReply {
  sid: string;
  to: string;
  from: string;
  body: string;
  mediaUrls: string[];
}

/** What {@link deliverInboundSms} observed: the webhook's status and its TwiML replies. */
export interface SendSmsResult {
  status: number | undefined;
  replies: SmsReply[];
}

/** What inbound delivery needs from the emulator. */
export interface InboundContext {
  accountSid: string;
  authToken: string;
  webhookUrl: string | undefined;
  messagingServiceSid: string | undefined;
  advancedOptOut: boolean;
  store: MessageStore;
  carrier: CarrierState;
}

/** Geographic fields Twilio adds from number lookups; fixed values for US numbers here. */
function geography(prefix: 'From' | 'To', phone: string): WebhookParams {
  const us = phone.startsWith('+1');
  return {
    [`${prefix}City`]: us ? 'SAN FRANCISCO' : '',
    [`${prefix}State`]: us ? 'CA' : '',
    [`${prefix}Zip`]: us ? '94105' : '',
    [`${prefix}Country`]: us ? 'US' : '',
  };
}

function guessContentType(url: string): string {
  const extension = url.split('?')[0]?.split('.').pop()?.toLowerCase();
  const types: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    gif: 'image/gif',
    mp4: 'video/mp4',
    pdf: 'application/pdf',
  };
  return types[extension ?? ''] ?? 'application/octet-stream';
}

/**
 * Stores a message that crossed the carrier network at once: the phone's text (`received`) or
 * a reply to it (`delivered`; TwiML replies and auto-replies have no status callbacks).
 */
function recordCarrierMessage(
  context: InboundContext,
  fields: Pick<TwilioMessage, 'direction' | 'to' | 'from' | 'body' | 'mediaUrls' | 'status'> & {
    source?: OutboundSource;
  },
): TwilioMessage {
  const now = new Date();
  return context.store.add({
    sid: newSid(fields.mediaUrls.length > 0 ? 'MM' : 'SM'),
    accountSid: context.accountSid,
    messagingServiceSid: context.messagingServiceSid ?? null,
    numSegments: countSegments(fields.body),
    errorCode: null,
    errorMessage: null,
    statusCallback: null,
    dateCreated: now,
    dateUpdated: now,
    dateSent: now,
    ...fields,
  });
}

function reply(
  context: InboundContext,
  source: OutboundSource,
  sms: InboundSms,
  body: string,
  mediaUrls: string[],
): TwilioMessage {
  return recordCarrierMessage(context, {
    direction: 'outbound-reply',
    source,
    to: sms.from,
    from: sms.to,
    body,
    mediaUrls,
    status: 'delivered',
  });
}

/**
 * A phone texts the account: the carrier applies STOP/START/HELP first (Twilio updates opt-out
 * state and auto-replies, and still forwards the message), then the signed webhook is POSTed
 * with every field a real inbound SMS carries, and each TwiML `<Message>` is sent to the phone.
 */
export async function deliverInboundSms(
  context: InboundContext,
  sms: InboundSms,
): Promise<SendSmsResult> {
  const url = context.webhookUrl;
  if (!url) {
    throw new Error(
      '[smsbridge] [testkit] The Twilio emulator has no SMS webhook URL: pass smsWebhookUrl or call setWebhookUrl() first.',
    );
  }
  const mediaUrls = sms.mediaUrls ?? [];
  const { sid } = recordCarrierMessage(context, {
    direction: 'inbound',
    to: sms.to,
    from: sms.from,
    body: sms.body,
    mediaUrls,
    status: 'received',
  });

  const keyword = classifyKeyword(sms.body);
  const senders = [sms.to, ...(context.messagingServiceSid ? [context.messagingServiceSid] : [])];
  if (keyword === 'STOP') context.carrier.setOptedOut(senders, sms.from, true);
  if (keyword === 'START') context.carrier.setOptedOut(senders, sms.from, false);
  if (keyword) reply(context, 'auto-reply', sms, DEFAULT_AUTO_REPLIES[keyword], []);

  const params: WebhookParams = {
    AccountSid: context.accountSid,
    ApiVersion: '2010-04-01',
    Body: sms.body,
    From: sms.from,
    ...geography('From', sms.from),
    MessageSid: sid,
    NumMedia: String(mediaUrls.length),
    NumSegments: String(Math.max(1, countSegments(sms.body))),
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: 'received',
    To: sms.to,
    ...geography('To', sms.to),
  };
  if (context.messagingServiceSid) params.MessagingServiceSid = context.messagingServiceSid;
  if (context.advancedOptOut && keyword) params.OptOutType = keyword;
  mediaUrls.forEach((mediaUrl, index) => {
    params[`MediaUrl${index}`] = mediaUrl;
    params[`MediaContentType${index}`] = guessContentType(mediaUrl);
  });

  const result = await postWebhook(
    url,
    encodeForm(params),
    {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(context.authToken, url, params),
      'i-twilio-idempotency-token': sid,
      'user-agent': 'TwilioProxy/1.1 (smsbridge testkit emulator)',
    },
    15_000,
  );
  const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
  const replies = ok
    ? parseTwiml(result.body).map((message) => {
        const stored = reply(context, 'twiml', sms, message.body, message.mediaUrls);
        return {
          sid: stored.sid,
          to: sms.from,
          from: sms.to,
          body: message.body,
          mediaUrls: message.mediaUrls,
        };
      })
    : [];
  return { status: result.status, replies };
}
