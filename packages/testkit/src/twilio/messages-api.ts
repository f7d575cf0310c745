import { type CarrierState, isAsyncFailure } from './carrier.js';
import { twilioError } from './errors.js';
import { countSegments } from './segments.js';
import { serializeMessage } from './serialize.js';
import type { StatusCallbackRunner } from './status-callbacks.js';
import { type MessageStore, newSid, type TwilioMessage } from './store.js';
import { validateCreate } from './validation.js';

/** What the Messages API needs from the emulator. */
export interface MessagesApiContext {
  /** The account every stored message belongs to. */
  accountSid: string;
  /** Numbers the account owns; when non-empty, a From outside it fails with 21606. */
  phoneNumbers: readonly string[];
  /** The account's Messaging Service; when set, sends naming another fail with 21701. */
  messagingServiceSid: string | undefined;
  /** Where created messages are kept. */
  store: MessageStore;
  /** Opt-outs and injected failures a send meets. */
  carrier: CarrierState;
  /** Plays each new message's statuses (and posts its callbacks). */
  statusCallbacks: StatusCallbackRunner;
}

/**
 * `POST /2010-04-01/Accounts/{sid}/Messages.json`: validates like Twilio, applies the carrier's
 * opt-outs (21610) and injected failures, stores the message and starts its status callbacks.
 * Returns the 201 body as it was at creation (status `queued`, or `accepted` with a Messaging
 * Service, whose sender Twilio only picks later: `from` is null until then).
 */
export function createMessage(
  context: MessagesApiContext,
  form: Map<string, string[]>,
): Record<string, unknown> {
  const request = validateCreate(form, context);
  const { to, from, messagingServiceSid } = request;
  const sender = messagingServiceSid ?? from ?? '';
  if (context.carrier.isOptedOut(sender, to) || (from && context.carrier.isOptedOut(from, to))) {
    throw twilioError(21610);
  }

  const failure = context.carrier.takeFailure(to, from ?? null);
  if (failure && !isAsyncFailure(failure.code)) throw twilioError(failure.code, to, failure.status);

  const now = new Date();
  const message: TwilioMessage = {
    sid: newSid(request.mediaUrls.length > 0 ? 'MM' : 'SM'),
    accountSid: context.accountSid,
    direction: 'outbound-api',
    source: 'api',
    to,
    from: from ?? null,
    messagingServiceSid: messagingServiceSid ?? null,
    body: request.body,
    mediaUrls: request.mediaUrls,
    status: messagingServiceSid ? 'accepted' : 'queued',
    numSegments: countSegments(request.body),
    errorCode: null,
    errorMessage: null,
    statusCallback: request.statusCallback ?? null,
    dateCreated: now,
    dateUpdated: now,
    dateSent: null,
  };
  context.store.add(message);
  const snapshot = serializeMessage(message);
  context.statusCallbacks.start(message, failure);
  return snapshot;
}

/** `GET …/Messages/{sid}.json`: 404 code 20404 for an unknown SID, as Twilio answers. */
export function fetchMessage(context: MessagesApiContext, sid: string): Record<string, unknown> {
  const message = context.store.get(sid);
  if (!message) {
    throw twilioError(20404, `/2010-04-01/Accounts/${context.accountSid}/Messages/${sid}.json`);
  }
  return serializeMessage(message);
}
