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
  sid: string;
  accountSid: string;
  direction: 'outbound-api' | 'outbound-reply' | 'inbound';
  /** For outbound messages: what produced it. */
  source?: OutboundSource;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  mediaUrls: string[];
  status: TwilioMessageStatus;
  numSegments: number;
  errorCode: number | null;
  errorMessage: string | null;
  statusCallback: string | null;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}

/** Events the store emits: a new message, or a status change of one. */
export interface TwilioStoreEvents {
  message: [TwilioMessage];
  status: [TwilioMessage];
}

/** A Twilio SID: two letters and 32 hex digits. */
export function newSid(prefix: 'SM' | 'MM'): string {
  return prefix + randomBytes(16).toString('hex');
}

/** All messages in order, and events for the phone page's live updates. */
export class MessageStore extends EventEmitter<TwilioStoreEvents> {
  readonly outbound: TwilioMessage[] = [];
  readonly inbound: TwilioMessage[] = [];
  private readonly bySid = new Map<string, TwilioMessage>();

  add(message: TwilioMessage): TwilioMessage {
    (message.direction === 'inbound' ? this.inbound : this.outbound).push(message);
    this.bySid.set(message.sid, message);
    this.emit('message', message);
    return message;
  }

  get(sid: string): TwilioMessage | undefined {
    return this.bySid.get(sid);
  }

  setStatus(message: TwilioMessage, status: TwilioMessageStatus, errorCode?: number): void {
    message.status = status;
    message.dateUpdated = new Date();
    if (status === 'sent' && !message.dateSent) message.dateSent = message.dateUpdated;
    if (errorCode !== undefined) {
      message.errorCode = errorCode;
      message.errorMessage = `Error ${errorCode}`;
    }
    this.emit('status', message);
  }
}
