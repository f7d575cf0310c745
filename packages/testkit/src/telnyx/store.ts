/** A text the emulator holds: sent through the API (outbound) or by a phone (inbound). */
export interface TelnyxMessage {
  /** Telnyx's message id, a UUID. */
  id: string;
  direction: 'inbound' | 'outbound';
  /** The sender (E.164). */
  from: string;
  /** The recipient (E.164). */
  to: string;
  text: string;
  /**
   * Outbound: `queued`, then `sent`, then `delivered` or `delivery_failed`. Inbound:
   * `webhook_delivered` (what Telnyx's `message.received` payload says).
   */
  status: string;
  /** Why delivery failed (`delivery_failed` only), as in `message.finalized`. */
  errors: { code: string; title: string }[];
  createdAt: Date;
}

/** What Telnyx's message record carries beyond {@link TelnyxMessage}. */
export interface MessageDetails {
  /** SMS segments billed (`parts`). */
  parts: number;
  /** Where this message's status webhooks go (the send's `webhook_url`). */
  webhookUrl: string | null;
  messagingProfileId: string | null;
  sentAt: Date | null;
  completedAt: Date | null;
}

/**
 * Messages in the order they happened. The public arrays hold plain {@link TelnyxMessage}s;
 * record-only fields live beside them, so a test comparing a message sees only its own fields.
 */
export class TelnyxStore {
  readonly outbound: TelnyxMessage[] = [];
  readonly inbound: TelnyxMessage[] = [];
  private readonly details = new Map<string, { message: TelnyxMessage; details: MessageDetails }>();

  add(message: TelnyxMessage, details: MessageDetails): void {
    (message.direction === 'outbound' ? this.outbound : this.inbound).push(message);
    this.details.set(message.id, { message, details });
  }

  get(id: string): { message: TelnyxMessage; details: MessageDetails } | undefined {
    return this.details.get(id);
  }
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * A message as Telnyx writes it: the `data` of a send's answer and the `payload` of a webhook
 * (`to[0].status` is the status at the time).
 */
export function messageRecord(message: TelnyxMessage, details: MessageDetails) {
  return {
    record_type: 'message',
    id: message.id,
    direction: message.direction,
    type: 'SMS',
    messaging_profile_id: details.messagingProfileId,
    from: { phone_number: message.from },
    to: [{ phone_number: message.to, status: message.status }],
    text: message.text,
    media: [],
    parts: details.parts,
    webhook_url: details.webhookUrl,
    received_at: message.createdAt.toISOString(),
    sent_at: iso(details.sentAt),
    completed_at: iso(details.completedAt),
    errors: message.errors.map((error) => ({ ...error })),
  };
}
