import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

/** Twilio's message statuses, in the order they normally happen. */
export type TwilioMessageStatus =
  | 'accepted'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'received';

/** Where an outbound message came from: the REST API, a TwiML reply, or a carrier auto-reply. */
export type OutboundSource = 'api' | 'twiml' | 'auto-reply';

/** A message the emulator holds, outbound (to a phone) or inbound (from a phone). */
export interface TwilioMessage {
  /** `SM…` (or `MM…` with media): two letters and 32 hex digits. */
  sid: string;
  /** The account (`AC…`) it belongs to. */
  accountSid: string;
  /** `outbound-api` (REST sends), `outbound-reply` (TwiML and auto-replies) or `inbound`. */
  direction: 'outbound-api' | 'outbound-reply' | 'inbound';
  /** For outbound messages: what produced it. */
  source?: OutboundSource;
  /** The recipient (E.164). */
  to: string;
  /** The sender; null while a Messaging Service has not picked one yet. */
  from: string | null;
  /** The Messaging Service (`MG…`) it was sent through, if any. */
  messagingServiceSid: string | null;
  /** The text ('' for media-only messages). */
  body: string;
  /** Media URLs, in order. */
  mediaUrls: string[];
  /** Current status; changes as status callbacks play out. */
  status: TwilioMessageStatus;
  /** Segments Twilio bills (GSM-7 or UCS-2 aware); 0 for an empty body. */
  numSegments: number;
  /** Twilio error code once it failed (30003–30008, 21610 for a blocked reply), else null. */
  errorCode: number | null;
  /** Twilio's text for {@link TwilioMessage.errorCode}, else null. */
  errorMessage: string | null;
  /** The StatusCallback URL given at creation, if any. */
  statusCallback: string | null;
  /** When it was created. */
  dateCreated: Date;
  /** When its status last changed. */
  dateUpdated: Date;
  /** When it was sent (reached `sent`), else null. */
  dateSent: Date | null;
}

/** Events the store emits: a new message, or a status change of one. */
export interface TwilioStoreEvents {
  /** A message was stored. */
  message: [TwilioMessage];
  /** A stored message changed status. */
  status: [TwilioMessage];
}

/** A Twilio SID: two letters and 32 hex digits. */
export function newSid(prefix: 'SM' | 'MM'): string {
  return prefix + randomBytes(16).toString('hex');
}

/** All messages in order, and events for the phone page's live updates. */
export class MessageStore extends EventEmitter<TwilioStoreEvents> {
  /** Messages to phones, oldest first. */
  readonly outbound: TwilioMessage[] = [];
  /** Messages from phones, oldest first. */
  readonly inbound: TwilioMessage[] = [];
  private readonly bySid = new Map<string, TwilioMessage>();

  /** Stores a message and announces it. */
  add(message: TwilioMessage): TwilioMessage {
    (message.direction === 'inbound' ? this.inbound : this.outbound).push(message);
    this.bySid.set(message.sid, message);
    this.emit('message', message);
    return message;
  }

  /** The message with this SID, if any. */
  get(sid: string): TwilioMessage | undefined {
    return this.bySid.get(sid);
  }

  /** Moves a message to `status` (with Twilio's error code and text when it failed). */
  setStatus(
    message: TwilioMessage,
    status: TwilioMessageStatus,
    errorCode?: number,
    errorMessage?: string,
  ): void {
    message.status = status;
    message.dateUpdated = new Date();
    if (status === 'sent' && !message.dateSent) message.dateSent = message.dateUpdated;
    if (errorCode !== undefined) {
      message.errorCode = errorCode;
      message.errorMessage = errorMessage ?? `Error ${errorCode}`;
    }
    this.emit('status', message);
  }
}
