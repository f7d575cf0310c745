import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, parseFormBody, readRawBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import { listen } from '../http/server.js';
import type { TwilioAlert } from './alerts.js';
import { checkBasicAuth } from './auth.js';
import { CarrierState, type FailureRule, type InjectedFailure } from './carrier.js';
import { TwilioApiError } from './errors.js';
import { createTwilioHttpClient, type TwilioRequestClientLike } from './http-client.js';
import { deliverInboundSms, type InboundSms, type SendSmsResult } from './inbound.js';
import { createMessage, fetchMessage, type MessagesApiContext } from './messages-api.js';
import { listMessages } from './messages-list.js';
import { handlePhoneRequest } from './phone-routes.js';
import { type StatusCallbackOptions, StatusCallbackRunner } from './status-callbacks.js';
import { MessageStore, type TwilioMessage } from './store.js';

/** Options of {@link startTwilioEmulator}. */
export interface TwilioEmulatorOptions {
  /** The account SID (`AC…`) the SDK authenticates as. */
  accountSid: string;
  /** The auth token: checked on API calls, and the key every webhook is signed with. */
  authToken: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number | undefined;
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /** Where inbound texts are POSTed (the number's "A message comes in" URL). */
  smsWebhookUrl?: string | undefined;
  /** Outcome and pacing of status callbacks. Default: `sent` then `delivered`, 50 ms apart. */
  statusCallbacks?: StatusCallbackOptions | undefined;
  /** Numbers the account owns. When given, sending From any other number fails with 21606. */
  phoneNumbers?: string[] | undefined;
  /** Advanced Opt-Out: inbound keyword webhooks carry `OptOutType`. Default false. */
  advancedOptOut?: boolean | undefined;
  /**
   * A Messaging Service the numbers belong to: inbound webhooks carry it, opt-outs cover it,
   * and sends naming any other service fail with 21701.
   */
  messagingServiceSid?: string | undefined;
  /** Pause before answering each `messages.create`, like a real API's round trip. Default 0. */
  latencyMs?: number | undefined;
}

/** What changed when a {@link TwilioEmulator.onMessage} listener is called. */
export type TwilioMessageChange = 'created' | 'status';

/** A running Twilio Messaging emulator. */
export interface TwilioEmulator {
  /** The API base URL: what replaces `https://api.twilio.com`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The account SID it accepts. */
  readonly accountSid: string;
  /** Numbers the account owns (as configured). */
  readonly phoneNumbers: readonly string[];
  /** A `twilio.RequestClient` routing the real SDK here: `twilio(sid, token, { httpClient })`. */
  readonly httpClient: TwilioRequestClientLike;
  /** Outbound messages (API sends, TwiML replies, carrier auto-replies), oldest first. */
  readonly messages: readonly TwilioMessage[];
  /** Texts phones sent to the account, oldest first. */
  readonly inbound: readonly TwilioMessage[];
  /**
   * Webhook trouble Twilio's debugger would show, oldest first: 11200/11205 for inbound or
   * status-callback deliveries that got no 2xx, 12100 for an answer that is not TwiML, 12300
   * for one in a content type Twilio does not read (JSON).
   */
  readonly alerts: readonly TwilioAlert[];
  /**
   * A phone texts the account: delivers the signed inbound webhook and resolves, once it has
   * answered and carrier state is updated, with its status and the TwiML replies (also stored).
   * Rejects without a webhook URL, or when `to` is not one of `phoneNumbers` (if given): a text
   * to a number the account does not own never reaches its webhook.
   */
  sendSms(sms: InboundSms): Promise<SendSmsResult>;
  /** Changes where inbound texts go. */
  setWebhookUrl(url: string | undefined): void;
  /** Makes the next `messages.create` fail (or, for 30003–30008, fail in its status callback). */
  failNext(failure: InjectedFailure): void;
  /** Fails every send to `rule.to` (and from `rule.from`, if given) until removed. */
  addFailureRule(rule: FailureRule): () => void;
  /**
   * Calls `listener` for every new message (inbound or outbound) and every status change, with
   * which of the two it is; returns an unsubscribe function.
   */
  onMessage(listener: (message: TwilioMessage, change: TwilioMessageChange) => void): () => void;
  /** Resolves when every running status-callback sequence has finished. */
  statusCallbacksIdle(): Promise<void>;
  /** Stops the server (and the phone page's live streams). Safe to call twice. */
  close(): Promise<void>;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\/([^/]+))?\.json$/;

/**
 * Starts a local emulator of Twilio's Messaging API: the Messages resource with Twilio's auth and
 * validation, carrier opt-outs and injected failures, signed status callbacks and inbound SMS
 * webhooks, and a phone simulator page at `/phone`.
 */
export async function startTwilioEmulator(options: TwilioEmulatorOptions): Promise<TwilioEmulator> {
  const store = new MessageStore();
  const carrier = new CarrierState();
  const alerts: TwilioAlert[] = [];
  const statusCallbacks = new StatusCallbackRunner({
    store,
    authToken: options.authToken,
    serviceNumbers: options.phoneNumbers ?? [],
    sequence: options.statusCallbacks?.sequence ?? ['sent', 'delivered'],
    delayMs: options.statusCallbacks?.delayMs ?? 50,
    alerts,
  });
  const api: MessagesApiContext = {
    accountSid: options.accountSid,
    phoneNumbers: options.phoneNumbers ?? [],
    messagingServiceSid: options.messagingServiceSid,
    store,
    carrier,
    statusCallbacks,
  };
  let webhookUrl = options.smsWebhookUrl;
  const sendSms = async (sms: InboundSms) => {
    const owned = options.phoneNumbers ?? [];
    if (owned.length > 0 && !owned.includes(sms.to)) {
      throw new Error(
        `[smsbridge] [testkit] ${sms.to} is not one of the Twilio emulator's phoneNumbers (${owned.join(', ')}): a text to it would never reach this account.`,
      );
    }
    return deliverInboundSms(
      {
        accountSid: options.accountSid,
        authToken: options.authToken,
        webhookUrl,
        messagingServiceSid: options.messagingServiceSid,
        advancedOptOut: options.advancedOptOut ?? false,
        store,
        carrier,
        alerts,
      },
      sms,
    );
  };
  const liveStreams = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname === '/phone' || url.pathname.startsWith('/phone/')) {
      return handlePhoneRequest(req, res, url, {
        store,
        phoneNumbers: options.phoneNumbers ?? [],
        webhookConfigured: () => Boolean(webhookUrl),
        sendSms,
        liveStreams,
      });
    }
    const match = MESSAGES_PATH.exec(url.pathname);
    try {
      if (!match)
        throw new TwilioApiError(
          404,
          20404,
          `The requested resource ${url.pathname} was not found`,
        );
      checkBasicAuth(options, req, match[1] ?? '');
      const sid = match[2];
      if (req.method === 'POST' && !sid) {
        const raw = await readRawBody(req).catch((error: unknown) => {
          if (error instanceof BodyTooLargeError) {
            throw new TwilioApiError(413, 20001, 'Request entity too large');
          }
          throw error;
        });
        if (options.latencyMs)
          await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
        return sendJson(res, 201, createMessage(api, parseFormBody(raw)));
      }
      if (req.method === 'GET' && sid) return sendJson(res, 200, fetchMessage(api, sid));
      if (req.method === 'GET') {
        return sendJson(res, 200, listMessages(options.accountSid, store, url.searchParams));
      }
      throw new TwilioApiError(405, 20004, 'Method not allowed');
    } catch (error) {
      if (!(error instanceof TwilioApiError)) throw error;
      sendJson(res, error.status, error.toBody(), error.headers);
    }
  }

  const http = await listen(handle, {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    name: 'Twilio emulator',
  });
  let httpClient: TwilioRequestClientLike | undefined;
  let closed: Promise<void> | undefined;
  return {
    url: http.url,
    port: http.port,
    accountSid: options.accountSid,
    phoneNumbers: options.phoneNumbers ?? [],
    get httpClient() {
      httpClient ??= createTwilioHttpClient(http.url);
      return httpClient;
    },
    messages: store.outbound,
    inbound: store.inbound,
    alerts,
    sendSms,
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    failNext: (failure) => carrier.failNext(failure),
    addFailureRule(rule) {
      carrier.rules.push(rule);
      return () => {
        const index = carrier.rules.indexOf(rule);
        if (index >= 0) carrier.rules.splice(index, 1);
      };
    },
    onMessage(listener) {
      const created = (message: TwilioMessage) => listener(message, 'created');
      const changed = (message: TwilioMessage) => listener(message, 'status');
      store.on('message', created);
      store.on('status', changed);
      return () => {
        store.off('message', created);
        store.off('status', changed);
      };
    },
    statusCallbacksIdle: () => statusCallbacks.idle(),
    close() {
      closed ??= (async () => {
        for (const stream of liveStreams) stream.end();
        await http.close();
      })();
      return closed;
    },
  };
}
