import type { IncomingMessage } from 'node:http';
import { type CarrierState, isAsyncFailure } from './carrier.js';
import { TwilioApiError, twilioError } from './errors.js';
import { countSegments } from './segments.js';
import { serializeMessage } from './serialize.js';
import type { StatusCallbackRunner } from './status-callbacks.js';
import { type MessageStore, newSid, type TwilioMessage } from './store.js';

/** E.164: a plus, a non-zero digit, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;
/** Twilio's hard limit on a message body. */
const MAX_BODY_LENGTH = 1600;

/** What the Messages API needs from the emulator. */
export interface MessagesApiContext {
  accountSid: string;
  authToken: string;
  /** Numbers the account owns; when non-empty, a From outside it fails with 21606. */
  phoneNumbers: string[];
  store: MessageStore;
  carrier: CarrierState;
  statusCallbacks: StatusCallbackRunner;
}

/** Checks HTTP Basic auth (`AccountSid:AuthToken`) and the account in the path: 401 code 20003. */
export function checkBasicAuth(
  context: MessagesApiContext,
  req: IncomingMessage,
  pathAccountSid: string,
): void {
  const header = req.headers.authorization ?? '';
  const [scheme, encoded = ''] = header.split(' ');
  const [user, ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  const valid =
    scheme === 'Basic' &&
    user === context.accountSid &&
    rest.join(':') === context.authToken &&
    pathAccountSid === context.accountSid;
  if (!valid) throw twilioError(20003);
}

function first(form: Map<string, string[]>, name: string): string | undefined {
  const value = form.get(name)?.[0];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * `POST /2010-04-01/Accounts/{sid}/Messages.json`: validates like Twilio (21604, 21603, 21602,
 * 21211, 21606, 21617), applies the carrier's opt-outs (21610) and injected failures, stores the
 * message and starts its status callbacks. Returns the 201 body.
 */
export function createMessage(
  context: MessagesApiContext,
  form: Map<string, string[]>,
): Record<string, unknown> {
  const to = first(form, 'To');
  const from = first(form, 'From');
  const messagingServiceSid = first(form, 'MessagingServiceSid');
  const body = form.get('Body')?.[0] ?? '';
  const mediaUrls = (form.get('MediaUrl') ?? []).filter((url) => url !== '');
  if (!to) throw twilioError(21604);
  if (!from && !messagingServiceSid) throw twilioError(21603);
  if (body === '' && mediaUrls.length === 0) throw twilioError(21602);
  if (!E164.test(to)) throw twilioError(21211, to);
  if (from && context.phoneNumbers.length > 0 && !context.phoneNumbers.includes(from)) {
    throw twilioError(21606, from);
  }
  if (body.length > MAX_BODY_LENGTH) throw twilioError(21617);
  const sender = messagingServiceSid ?? from ?? '';
  if (context.carrier.isOptedOut(sender, to)) throw twilioError(21610);

  const failure = context.carrier.takeFailure(to, from ?? null);
  if (failure && !isAsyncFailure(failure.code)) {
    const injected = twilioError(failure.code, to);
    throw failure.status
      ? new TwilioApiError(failure.status, failure.code, injected.message)
      : injected;
  }

  const now = new Date();
  const message: TwilioMessage = {
    sid: newSid(mediaUrls.length > 0 ? 'MM' : 'SM'),
    accountSid: context.accountSid,
    direction: 'outbound-api',
    source: 'api',
    to,
    // With a Messaging Service Twilio picks the sender later; like Twilio, `from` is null until then.
    from: from ?? null,
    messagingServiceSid: messagingServiceSid ?? null,
    body,
    mediaUrls,
    status: messagingServiceSid ? 'accepted' : 'queued',
    numSegments: countSegments(body),
    errorCode: null,
    errorMessage: null,
    statusCallback: first(form, 'StatusCallback') ?? null,
    dateCreated: now,
    dateUpdated: now,
    dateSent: null,
  };
  context.store.add(message);
  const snapshot = serializeMessage(message);
  context.statusCallbacks.start(message, failure?.code);
  return snapshot;
}

/** `GET …/Messages/{sid}.json`. */
export function fetchMessage(context: MessagesApiContext, sid: string): Record<string, unknown> {
  const message = context.store.get(sid);
  if (!message)
    throw twilioError(20404, `/2010-04-01/Accounts/${context.accountSid}/Messages/${sid}.json`);
  return serializeMessage(message);
}

/** `GET …/Messages.json` with `To`/`From` filters, newest first, in Twilio's page envelope. */
export function listMessages(
  context: MessagesApiContext,
  query: URLSearchParams,
): Record<string, unknown> {
  const to = query.get('To');
  const from = query.get('From');
  const pageSize = Math.min(Number(query.get('PageSize') ?? 50) || 50, 1000);
  const all = [...context.store.outbound, ...context.store.inbound]
    .filter((message) => (!to || message.to === to) && (!from || message.from === from))
    .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());
  const uri = `/2010-04-01/Accounts/${context.accountSid}/Messages.json`;
  return {
    messages: all.slice(0, pageSize).map(serializeMessage),
    end: Math.min(pageSize, all.length) - 1,
    first_page_uri: `${uri}?PageSize=${pageSize}&Page=0`,
    next_page_uri: null,
    page: 0,
    page_size: pageSize,
    previous_page_uri: null,
    start: 0,
    uri: `${uri}?PageSize=${pageSize}&Page=0`,
  };
}
