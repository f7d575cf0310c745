/** A chat channel the bridge posts into. */
export interface ChannelRef {
  type: string;
  id: string;
  /** Display name, set when the bridge creates the channel. */
  name?: string | undefined;
  image?: string | undefined;
}

import type { MemberStatus } from './store.js';

/** A chat user as the bridge writes it: only fields the bridge owns (never a phone number). */
export interface ChatUser {
  id: string;
  name: string;
  image?: string | undefined;
  role?: string | undefined;
  /**
   * For SMS members: whether they get texts. Stored on the chat user (Stream: the custom field
   * `smsbridge_sms`) so chat apps can mark SMS members and opted-out ones.
   */
  smsStatus?: MemberStatus | undefined;
}

/** A message the bridge posts to the chat. */
export interface OutgoingChatMessage {
  /** Deterministic id (e.g. from Twilio's MessageSid) so a retried post cannot duplicate. */
  id: string;
  userId: string;
  text: string;
  mentionedUserIds: string[];
  /** Custom fields stored on the message (the bridge marks its own posts with them). */
  custom: Record<string, unknown>;
  /** Posts the message as a reply in this thread. */
  parentId?: string | undefined;
}

/** A chat message as a webhook reports it, in the shape the bridge's routes need. */
export interface ChatMessage {
  id: string;
  text: string;
  channel: { type: string; id: string };
  author: { id: string; name: string };
  /** Users @mentioned, with their presence when the chat service reports it. */
  mentioned: { id: string; name: string; online?: boolean | undefined }[];
  parentId?: string | undefined;
  /** True when the bridge posted it (a member's text or a bot's answer). */
  fromBridge: boolean;
  /** Which bridge path posted it: `'sms'` for a member's text, `'bot'` for a bot's answer. */
  source?: 'sms' | 'bot' | undefined;
  /** When it was written, as the chat service says (a replay older than the dedupe window is refused). */
  createdAt?: Date | undefined;
  /**
   * Members not to text about it although it mentions them: on a bot's answer, the asker whose
   * message did not ask the bot.
   */
  noTextTo?: string[] | undefined;
}

/** A verified chat webhook. */
export interface ChatWebhook {
  /** The delivery id, stable across retries: the dedupe key. */
  webhookId: string;
  /** The event type, e.g. `message.new`. Only `message.new` notifies anyone. */
  type: string;
  message?: ChatMessage | undefined;
}

/**
 * A chat service (Stream Chat in `@smsbridge/core/stream`). Verifies its own webhooks, so the
 * signature scheme lives with the service it belongs to.
 */
export interface ChatTransport {
  /** Verifies the signature over the exact raw bytes and parses; throws `invalid_signature`. */
  parseWebhook(rawBody: Uint8Array, headers: Headers): Promise<ChatWebhook>;
  /** Creates or updates a user with the fields the bridge owns, keeping other fields. */
  upsertUser(user: ChatUser): Promise<void>;
  /** Creates the channel if needed (as `createdById`) and makes `userIds` members. */
  ensureMembers(channel: ChannelRef, createdById: string, userIds: string[]): Promise<void>;
  /** Posts a message; resolves `{ duplicate: true }` when a message with that id already exists. */
  postMessage(channel: ChannelRef, message: OutgoingChatMessage): Promise<{ duplicate: boolean }>;
  /** A client token for `userId` that expires at `expiresAt`. */
  createUserToken(userId: string, expiresAt: Date): Promise<string>;
}

/** A text a phone sent, as the SMS provider's webhook reports it. */
export interface InboundSms {
  /** The provider's message id: the dedupe key. */
  messageId: string;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
}

/**
 * Where a sent text is, in the bridge's words whatever the provider calls it: accepted by the
 * provider (`queued`), handed to the carrier (`sent`), on the phone (`delivered`), or lost
 * (`failed`).
 */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'failed';

/** A delivery status update for a sent text. */
export interface SmsStatusUpdate {
  messageId: string;
  status: DeliveryStatus;
  /** The provider's own name for the status (`undelivered`, `delivery_failed`), for logs. */
  providerStatus: string;
  /** The provider's error code on a failure. */
  errorCode?: number | string | undefined;
}

/**
 * An SMS webhook request as it arrived, before parsing: any content type (Twilio posts forms,
 * others post JSON); the transport checks what its provider sends.
 */
export interface SmsWebhookRequest {
  /** The public URL the provider called (what it signed), query string included. */
  publicUrl: string;
  rawBody: Uint8Array;
  headers: Headers;
}

/** A text to send. */
export interface OutgoingSms {
  to: string;
  body: string;
  /** Where the provider reports delivery, if anywhere. */
  statusCallbackUrl?: string | undefined;
}

/**
 * An SMS provider (Twilio in `@smsbridge/core/twilio`). It owns everything about its provider:
 * the webhook format (content type, signature, fields), its status names and error codes
 * (mapped to {@link DeliveryStatus} and to `SmsSendError`'s `optedOut`, `retryable` and
 * `permanent`), and whether replies can ride in a webhook's answer.
 */
export interface SmsTransport {
  /**
   * Verifies and parses an inbound text: 403 `forbidden_signature` for a bad signature, 415 for
   * a content type the provider does not send, 400 naming a bad field.
   */
  parseInbound(request: SmsWebhookRequest): Promise<InboundSms>;
  /** Verifies and parses a delivery status callback, the same way. */
  parseStatus(request: SmsWebhookRequest): Promise<SmsStatusUpdate>;
  /** Sends a text; rejects with an `SmsSendError` that says what the failure means. */
  send(sms: OutgoingSms): Promise<{ messageId: string }>;
  /**
   * The HTTP answer to an inbound webhook carrying `texts` as replies (none: an empty answer), for
   * a provider that reads replies from its webhook's answer (Twilio's TwiML). Without it, the
   * bridge answers 200 and sends each reply to the sender with {@link SmsTransport.send}.
   */
  replyResponse?(texts: readonly string[]): Response;
}

/** What a bot sees of a message and may answer. */
export interface BotContext {
  message: ChatMessage;
}

/**
 * An optional participant that answers chat messages (e.g. `createQuoteBot`). The bridge posts
 * its answer as the bot user, marked as the bridge's own, so no bot answers a bot.
 */
export interface Bot {
  id: string;
  name: string;
  image?: string | undefined;
  /** The answer to `context.message`, or `undefined` to stay silent. */
  respond(context: BotContext): Promise<string | undefined>;
}
