import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, parseJsonBody, readRawBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import { Router } from '../http/router.js';
import { listen } from '../http/server.js';
import { authenticate } from './auth.js';
import { StreamContext, type StreamHandler } from './context.js';
import { answerPreflight, applyCors } from './cors.js';
import { StreamApiError } from './errors.js';
import { faultError, type StreamFault, StreamFaults } from './faults.js';
import { asRecord } from './fields.js';
import { ConnectionHub } from './hub.js';
import * as channels from './routes-channels.js';
import * as messages from './routes-messages.js';
import * as users from './routes-users.js';
import { serializeMessage, serializeUser, type UserResponse } from './serialize.js';
import { StreamState } from './state.js';
import {
  STREAM_WEBHOOK_RETRY_DEFAULTS,
  type WebhookAttempt,
  WebhookDispatcher,
  type WebhookRetryPolicy,
} from './webhooks.js';
import { StreamWebSocketServer } from './websocket.js';

/** Options of {@link startStreamEmulator}. */
export interface StreamEmulatorOptions {
  /** The API key clients must send as `api_key`. */
  apiKey: string;
  /** The secret tokens are signed with and webhooks are signed with. */
  apiSecret: string;
  /** Port to listen on; 0 (default) picks a free one. Never 3030 (the SDK rewrites it to 8800). */
  port?: number | undefined;
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /** Where webhooks are POSTed; none are sent while unset. */
  webhookUrl?: string | undefined;
  /** Overrides of Stream's webhook retry policy (timeouts, delays) for quick tests. */
  webhookRetry?: Partial<WebhookRetryPolicy> | undefined;
  /** Called for each request to an endpoint the emulator does not know. Default: console.warn. */
  onUnknownRequest?: ((request: UnknownStreamRequest) => void) | undefined;
}

/** A request to an endpoint the emulator does not implement (answered 200, logged). */
export interface UnknownStreamRequest {
  method: string;
  path: string;
}

/** A running Stream Chat emulator. */
export interface StreamEmulator {
  /** `http://HOST:PORT`: pass as `baseURL` to `new StreamChat(key, secret, { baseURL })`. */
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  /** Every webhook delivery attempt so far, in order. */
  readonly webhookAttempts: readonly WebhookAttempt[];
  /** Requests to endpoints the emulator does not implement, in order. */
  readonly unknownRequests: readonly UnknownStreamRequest[];
  /** Changes (or, with `undefined`, stops) where webhooks go. */
  setWebhookUrl(url: string | undefined): void;
  /** Resolves when every queued webhook delivery, retries included, has finished. */
  webhooksIdle(): Promise<void>;
  /** The messages stored in channel `cid` (`type:id`), thread replies included, oldest first. */
  getMessages(cid: string): Record<string, unknown>[];
  /** A user as the API would return it, or undefined. */
  getUser(id: string): UserResponse | undefined;
  /**
   * Makes matching API calls fail with Stream's error (a 429, a 503), answer late, or hang;
   * returns a function that removes the fault. The first matching fault applies.
   */
  addFault(fault: StreamFault): () => void;
  /** Stops the HTTP server and closes every websocket. Safe to call twice. */
  close(): Promise<void>;
}

/** The REST surface the bridge, the SDKs and stream-chat-react use. */
function buildRouter(): Router<StreamHandler> {
  return new Router<StreamHandler>()
    .add('POST', '/users', users.upsertUsers)
    .add('PATCH', '/users', users.partialUpdateUsers)
    .add('GET', '/users', users.queryUsers)
    .add('POST', '/channels/:type/query', channels.queryChannel)
    .add('POST', '/channels/:type/:id/query', channels.queryChannel)
    .add('POST', '/channels/:type/:id', channels.updateChannel)
    .add('POST', '/channels/:type/:id/message', messages.sendMessage)
    .add('POST', '/channels/:type/:id/event', channels.sendEvent)
    .add('POST', '/channels/:type/:id/read', channels.markRead)
    .add('GET', '/members', channels.queryMembers)
    .add('GET', '/messages/:id', messages.getMessage)
    .add('POST', '/messages/:id', messages.updateMessage)
    .add('DELETE', '/messages/:id', messages.deleteMessage)
    .add('GET', '/messages/:id/replies', messages.getReplies)
    .add('POST', '/messages/:id/reaction', messages.sendReaction);
}

/** Waits as the fault says (for ever, if it hangs), then throws its error, if it has one. */
async function sufferFault(fault: StreamFault, res: ServerResponse): Promise<void> {
  if (fault.hang) {
    await new Promise((resolve) => res.once('close', resolve));
    throw new StreamApiError(503, 4, 'The request hung until the client gave up');
  }
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  const error = faultError(fault);
  if (error) throw error;
}

/**
 * Starts a local emulator of the Stream Chat API: REST with Stream's auth, the `/connect`
 * websocket, signed webhooks with Stream's retries, and CORS for browsers.
 */
export async function startStreamEmulator(options: StreamEmulatorOptions): Promise<StreamEmulator> {
  if (options.port === 3030) {
    throw new Error(
      '[smsbridge] [testkit] The Stream emulator cannot use port 3030: stream-chat rewrites ":3030" to ":8800" for its websocket URL. Pick another port (0 = any free).',
    );
  }
  const credentials = { apiKey: options.apiKey, apiSecret: options.apiSecret };
  const webhooks = new WebhookDispatcher(credentials, options.webhookUrl, {
    ...STREAM_WEBHOOK_RETRY_DEFAULTS,
    ...options.webhookRetry,
  });
  const context = new StreamContext(new StreamState(), new ConnectionHub(), webhooks);
  const router = buildRouter();
  const faults = new StreamFaults();
  const unknownRequests: UnknownStreamRequest[] = [];
  const reportUnknown =
    options.onUnknownRequest ??
    ((request: UnknownStreamRequest) =>
      console.warn(
        `[smsbridge] [testkit] Stream emulator: unknown ${request.method} ${request.path} answered 200`,
      ));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    applyCors(req, res);
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    const url = new URL(req.url ?? '/', 'http://emulator');
    try {
      const caller = authenticate(
        credentials,
        url.searchParams.get('api_key'),
        req.headers.authorization ?? null,
      );
      const raw = await readRawBody(req).catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) {
          throw new StreamApiError(413, 4, `Request body is larger than ${error.limitBytes} bytes`);
        }
        throw error;
      });
      let body: Record<string, unknown>;
      try {
        body = asRecord(parseJsonBody(raw));
      } catch {
        throw new StreamApiError(400, 4, 'Request body is not valid JSON');
      }
      const method = req.method ?? 'GET';
      const fault = faults.take(method, url.pathname, body);
      if (fault) await sufferFault(fault, res);
      const route = router.match(method, url.pathname);
      if (!route) {
        const unknown = { method, path: url.pathname };
        unknownRequests.push(unknown);
        reportUnknown(unknown);
        return sendJson(res, 200, { duration: '0.00ms' });
      }
      const result = route.handler(context, {
        caller,
        params: route.params,
        query: url.searchParams,
        body,
        connection: context.hub.get(url.searchParams.get('connection_id')),
      });
      sendJson(res, method === 'POST' && url.pathname.endsWith('/message') ? 201 : 200, result);
    } catch (error) {
      if (!(error instanceof StreamApiError)) throw error;
      sendJson(res, error.statusCode, error.toBody());
    }
  }

  const http = await listen(handle, {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    name: 'Stream emulator',
  });
  const sockets = new StreamWebSocketServer(context, credentials);
  http.server.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head));

  let closed: Promise<void> | undefined;
  return {
    url: http.url,
    port: http.port,
    apiKey: options.apiKey,
    webhookAttempts: webhooks.attempts,
    unknownRequests,
    setWebhookUrl(url) {
      webhooks.url = url;
    },
    webhooksIdle: () => webhooks.idle(),
    getMessages(cid) {
      const channel = context.state.channels.get(cid);
      return channel
        ? channel.messages.map((message) => serializeMessage(context.state, message))
        : [];
    },
    getUser(id) {
      return context.state.users.has(id) ? serializeUser(context.state, id) : undefined;
    },
    addFault: (fault) => faults.add(fault),
    close() {
      closed ??= (async () => {
        sockets.close();
        await http.close();
      })();
      return closed;
    },
  };
}
