import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readRawBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import { type RouteParams, Router } from '../http/router.js';
import { listen } from '../http/server.js';
import { TelnyxCarrier, type TelnyxFailure, type TelnyxFailureRule } from './carrier.js';
import { TelnyxApiError, telnyxError } from './errors.js';
import { deliverInboundSms, type TelnyxInboundSms } from './inbound.js';
import {
  checkBearer,
  createMessage,
  type MessagesApiContext,
  retrieveMessage,
} from './messages-api.js';
import { createTelnyxSigner, type TelnyxSignatureHeaders } from './signature.js';
import { StatusWebhookRunner } from './status-webhooks.js';
import { type TelnyxMessage, TelnyxStore } from './store.js';
import { type TelnyxWebhookRetries, TelnyxWebhookSender } from './webhooks.js';

/** Options of {@link startTelnyxEmulator}. */
export interface TelnyxEmulatorOptions {
  /** The API key sends must carry as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Numbers the account owns (E.164): the only valid `from`s, and what phones can text. */
  phoneNumbers: string[];
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number | undefined;
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /** Where `message.received` goes (the messaging profile's webhook URL). */
  webhookUrl?: string | undefined;
  /** Pacing of `message.sent` and `message.finalized`: `delayMs` before each (default 20 ms). */
  statusWebhooks?: { delayMs?: number | undefined } | undefined;
  /** Webhook retries: 3 attempts, 100 ms apart, 2 s to answer, unless changed here. */
  webhookRetries?: TelnyxWebhookRetries | undefined;
}

/** A running Telnyx-shaped messaging emulator. */
export interface TelnyxEmulator {
  /** The API base URL: what replaces `https://api.telnyx.com`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Base64 of the raw 32-byte Ed25519 public key webhooks are signed with. */
  readonly publicKey: string;
  /** Outbound messages (API sends), oldest first. */
  readonly messages: readonly TelnyxMessage[];
  /** Texts phones sent to the account, oldest first. */
  readonly inbound: readonly TelnyxMessage[];
  /**
   * A phone texts one of the numbers: delivers the signed `message.received` webhook and
   * resolves with its first answer's HTTP status (0 when none came in time), opt-out state
   * already updated; retries of a non-2xx answer go on in the background ({@link webhooksIdle}).
   * Rejects when `to` is not one of `phoneNumbers` or there is no webhook URL.
   */
  sendSms(sms: TelnyxInboundSms): Promise<{ status: number }>;
  /** Changes where `message.received` goes. */
  setWebhookUrl(url: string | undefined): void;
  /** The two headers Telnyx would sign `rawBody` with at `timestamp` (Unix seconds, default now). */
  signWebhook(rawBody: string, timestamp?: number): Promise<TelnyxSignatureHeaders>;
  /**
   * Makes the next valid send fail so (several queue up). A status below 400 accepts the send
   * and reports `code` in `message.finalized` as `delivery_failed`.
   */
  failNext(failure: TelnyxFailure): void;
  /** Fails every send to `rule.to` the same way until the returned function is called. */
  addFailureRule(rule: TelnyxFailureRule): () => void;
  /** Resolves when every queued webhook (status sequences and retries included) is done. */
  webhooksIdle(): Promise<void>;
  /** Stops the server and further webhook attempts. Safe to call twice. */
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, params: RouteParams) => Promise<unknown>;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readRawBody(req).catch((error: unknown) => {
    if (error instanceof BodyTooLargeError) {
      throw telnyxError(413, '10015', 'The request body is too large.');
    }
    throw error;
  });
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw telnyxError(400, '10015', 'The request body is not valid JSON.');
  }
}

/**
 * Starts a local emulator of a Telnyx-shaped Messaging API: `POST /v2/messages` and
 * `GET /v2/messages/{id}` with Bearer auth and Telnyx's error codes, STOP/START opt-outs,
 * injected failures, and Ed25519-signed `message.received`, `message.sent` and
 * `message.finalized` webhooks with retries.
 */
export async function startTelnyxEmulator(options: TelnyxEmulatorOptions): Promise<TelnyxEmulator> {
  const signer = await createTelnyxSigner();
  const store = new TelnyxStore();
  const carrier = new TelnyxCarrier();
  const sender = new TelnyxWebhookSender(signer, options.webhookRetries);
  const phoneNumbers = [...options.phoneNumbers];
  const api: MessagesApiContext = {
    apiKey: options.apiKey,
    phoneNumbers,
    store,
    carrier,
    statuses: new StatusWebhookRunner(sender, options.statusWebhooks?.delayMs ?? 20),
  };
  let webhookUrl = options.webhookUrl;

  const router = new Router<Handler>()
    .add('POST', '/v2/messages', async (req) => createMessage(api, await readJson(req)))
    .add('GET', '/v2/messages/:id', async (_req, params) => retrieveMessage(api, params.id ?? ''));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://emulator');
    try {
      checkBearer(options.apiKey, req);
      const route = router.match(req.method ?? 'GET', pathname);
      if (!route) throw telnyxError(404, '10005');
      sendJson(res, 200, await route.handler(req, route.params));
    } catch (error) {
      if (!(error instanceof TelnyxApiError)) throw error;
      sendJson(res, error.status, error.toBody());
    }
  }

  const http = await listen(handle, {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    name: 'Telnyx emulator',
  });
  let closed: Promise<void> | undefined;
  return {
    url: http.url,
    port: http.port,
    publicKey: signer.publicKey,
    messages: store.outbound,
    inbound: store.inbound,
    sendSms: (sms) => deliverInboundSms({ phoneNumbers, webhookUrl, store, carrier, sender }, sms),
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    signWebhook: (rawBody, timestamp) => signer.sign(rawBody, timestamp),
    failNext: (failure) => carrier.failNext(failure),
    addFailureRule: (rule) => carrier.addRule(rule),
    webhooksIdle: () => sender.idle(),
    close() {
      closed ??= (async () => {
        sender.close();
        await http.close();
      })();
      return closed;
    },
  };
}
