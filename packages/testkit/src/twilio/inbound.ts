import { postWebhook } from '../http/deliver.js';
import { alert, deliveryAlert, type TwilioAlert } from './alerts.js';
import { type CarrierState, classifyKeyword, DEFAULT_AUTO_REPLIES } from './carrier.js';
import { twilioError } from './errors.js';
import { geography, guessContentType } from './lookups.js';
import { countSegments } from './segments.js';
import { encodeForm, signTwilioRequest, type WebhookParams } from './signature.js';
import { type MessageStore, newSid, type OutboundSource, type TwilioMessage } from './store.js';
import { readWebhookAnswer, type WebhookAnswer } from './twiml.js';

/** A text a phone sends to one of the account's numbers. */
export interface InboundSms {
  /** The phone's number (E.164). */
  from: string;
  /** The account's number it is sent to. */
  to: string;
  /** The text. */
  body: string;
  /** Media attached (MMS): each becomes `MediaUrl{i}` / `MediaContentType{i}`. */
  mediaUrls?: string[] | undefined;
}

/** One `<Message>` of the webhook's TwiML answer, sent back to the phone. */
export interface SmsReply {
  /** The SID of the stored outbound reply. */
  sid: string;
  /** The phone that texted (or the `<Message to="…">` attribute). */
  to: string;
  /** The account's number it texted (or the `<Message from="…">` attribute). */
  from: string;
  /** The reply text, XML entities decoded. */
  body: string;
  /** `<Media>` URLs of the reply. */
  mediaUrls: string[];
  /** `delivered`, or `failed` when the carrier blocked it (the phone opted out). */
  status: 'delivered' | 'failed';
  /** 21610 when blocked because the phone opted out, else null. */
  errorCode: number | null;
}

/** What a `sendSms` call observed: the webhook's status and its TwiML replies. */
export interface SendSmsResult {
  /** The webhook's HTTP status; undefined when it never answered (refused, timed out). */
  status: number | undefined;
  /** One per TwiML `<Message>` (none for a non-2xx or non-TwiML answer). */
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
  /** Where webhook trouble is recorded, as Twilio's debugger would. */
  alerts: TwilioAlert[];
}

/**
 * Stores a message that crossed the carrier network at once: the phone's text (`received`) or
 * a reply to it (`delivered`; TwiML replies and auto-replies have no status callbacks).
 */
function recordCarrierMessage(
  context: InboundContext,
  fields: Pick<TwilioMessage, 'direction' | 'to' | 'from' | 'body' | 'mediaUrls' | 'status'> &
    Partial<Pick<TwilioMessage, 'source' | 'errorCode' | 'errorMessage' | 'dateSent'>>,
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

/**
 * Sends a reply to the phone. The carrier blocks replies to a phone that opted out of this
 * sender (Twilio fails even TwiML replies with 21610); its own opt-out confirmations go through.
 */
function reply(
  context: InboundContext,
  source: OutboundSource,
  address: { to: string; from: string },
  body: string,
  mediaUrls: string[],
): TwilioMessage {
  const blocked =
    source !== 'auto-reply' &&
    sendersOf(context, address.from).some((sender) =>
      context.carrier.isOptedOut(sender, address.to),
    );
  return recordCarrierMessage(context, {
    direction: 'outbound-reply',
    source,
    to: address.to,
    from: address.from,
    body,
    mediaUrls,
    status: blocked ? 'failed' : 'delivered',
    ...(blocked && {
      errorCode: 21610,
      errorMessage: twilioError(21610).message,
      dateSent: null,
    }),
  });
}

/** The senders an opt-out to this number covers: the number and its Messaging Service. */
function sendersOf(context: InboundContext, number: string): string[] {
  return [number, ...(context.messagingServiceSid ? [context.messagingServiceSid] : [])];
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

  // Replies go back to the phone from the number it texted, unless TwiML says otherwise.
  const back = { to: sms.from, from: sms.to };
  const keyword = classifyKeyword(sms.body);
  const senders = sendersOf(context, sms.to);
  const optedOut = senders.some((sender) => context.carrier.isOptedOut(sender, sms.from));
  if (keyword === 'STOP') context.carrier.setOptedOut(senders, sms.from, true);
  if (keyword === 'START') context.carrier.setOptedOut(senders, sms.from, false);
  // Twilio answers HELP only while the phone is opted in: an opted-out phone gets no reply.
  if (keyword && !(keyword === 'HELP' && optedOut)) {
    reply(context, 'auto-reply', back, DEFAULT_AUTO_REPLIES[keyword], []);
  }

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
      'user-agent': 'TwilioProxy/1.1',
    },
    15_000,
  );
  // Twilio reads the answer only when it got a 2xx; either way, trouble lands in its debugger.
  const failed = deliveryAlert(result, url, sid);
  if (failed) context.alerts.push(failed);
  const answer: WebhookAnswer = failed
    ? { messages: [] }
    : readWebhookAnswer(result.contentType, result.body);
  if (answer.alert) context.alerts.push(alert(answer.alert.code, answer.alert.detail, url, sid));
  const replies = answer.messages.map((message) => {
    const address = { to: message.to ?? back.to, from: message.from ?? back.from };
    const stored = reply(context, 'twiml', address, message.body, message.mediaUrls);
    return {
      sid: stored.sid,
      ...address,
      body: message.body,
      mediaUrls: message.mediaUrls,
      status: stored.status === 'failed' ? 'failed' : 'delivered',
      errorCode: stored.errorCode,
    } satisfies SmsReply;
  });
  return { status: result.status, replies };
}
