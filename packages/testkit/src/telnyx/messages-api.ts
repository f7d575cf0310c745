import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { countSegments } from '../twilio/segments.js';
import { E164 } from '../twilio/validation.js';
import type { TelnyxCarrier } from './carrier.js';
import { telnyxError } from './errors.js';
import type { StatusWebhookRunner } from './status-webhooks.js';
import {
  type MessageDetails,
  messageRecord,
  type TelnyxMessage,
  type TelnyxStore,
} from './store.js';

/** What the Messages API needs from the emulator. */
export interface MessagesApiContext {
  apiKey: string;
  /** Numbers the account owns: the only valid `from`s. */
  phoneNumbers: readonly string[];
  store: TelnyxStore;
  carrier: TelnyxCarrier;
  statuses: StatusWebhookRunner;
}

/** Checks `Authorization: Bearer <API key>`, throwing 401 code 10009 as Telnyx does. */
export function checkBearer(apiKey: string, req: IncomingMessage): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match?.[1] !== apiKey) throw telnyxError(401, '10009');
}

/** A non-empty string field of the body, or undefined. */
function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function missing(name: string) {
  return telnyxError(422, '10004', `The '${name}' parameter is required.`, `/${name}`);
}

/**
 * `POST /v2/messages`: validates like Telnyx (10004 a missing to/from/text, 40310 a `to` that is
 * not E.164, 40305 a `from` the account does not own, 40300 a recipient who texted STOP to that
 * number), applies injected failures, stores the message as `queued` and starts its status
 * sequence. Returns the 200 body as it was at creation.
 */
export function createMessage(context: MessagesApiContext, body: unknown): { data: unknown } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw telnyxError(400, '10015', 'The request body must be a JSON object.');
  }
  const input = body as Record<string, unknown>;
  const to = field(input, 'to');
  const from = field(input, 'from');
  const text = field(input, 'text');
  if (!to) throw missing('to');
  if (!from) throw missing('from');
  if (!text) throw missing('text');
  if (!E164.test(to)) throw telnyxError(422, '40310', undefined, '/to');
  if (!context.phoneNumbers.includes(from)) throw telnyxError(422, '40305', undefined, '/from');
  if (context.carrier.isOptedOut(from, to)) {
    throw telnyxError(
      422,
      '40300',
      `Messages cannot be sent from ${from} to ${to}: the recipient replied STOP and has not opted back in.`,
    );
  }
  const failure = context.carrier.takeFailure(to);
  if (failure && failure.status >= 400) throw telnyxError(failure.status, failure.code);

  const message: TelnyxMessage = {
    id: randomUUID(),
    direction: 'outbound',
    from,
    to,
    text,
    status: 'queued',
    errors: [],
    createdAt: new Date(),
  };
  const details: MessageDetails = {
    parts: countSegments(text),
    webhookUrl: field(input, 'webhook_url') ?? null,
    messagingProfileId: field(input, 'messaging_profile_id') ?? null,
    sentAt: null,
    completedAt: null,
  };
  context.store.add(message, details);
  const data = messageRecord(message, details);
  context.statuses.start(message, details, failure);
  return { data };
}

/** `GET /v2/messages/{id}`: the message as it is now; 404 code 10005 for an unknown id. */
export function retrieveMessage(context: MessagesApiContext, id: string): { data: unknown } {
  const found = context.store.get(id);
  if (!found) throw telnyxError(404, '10005');
  return { data: messageRecord(found.message, found.details) };
}
