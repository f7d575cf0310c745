import { type BridgeConfig, type BridgeOptions, resolveConfig } from './bridge-config.js';
import { BridgeError, errorResponse } from './errors.js';
import { dispatch, type Route } from './http/router.js';
import { authRoute } from './routes/auth.js';
import { authVerifyRoute } from './routes/auth-verify.js';
import { chatRoute } from './routes/chat.js';
import type { CallContext } from './routes/context.js';
import { healthRoute } from './routes/health.js';
import { smsRoute } from './routes/sms.js';
import { smsStatusRoute } from './routes/sms-status.js';

/** Per-call context an adapter passes along with the request. */
export interface FetchContext {
  /** The client's address as the adapter saw it (Express `req.ip`, Lambda's source IP). */
  clientIp?: string | undefined;
  /**
   * Keeps the platform alive for work finished after the answer. Without it the bridge finishes
   * everything before answering (a Lambda freezes once it has answered).
   */
  waitUntil?: ((work: Promise<unknown>) => void) | undefined;
  /**
   * The path prefix the framework mounted the bridge under (Express's `req.baseUrl`, a Lambda
   * stage). Stripped before routing; the request URL keeps it, because that is what Twilio signed.
   */
  basePath?: string | undefined;
}

/** A bridge: one Web-standard handler for every route. */
export interface Bridge {
  /** Answers one request. Never throws and never rejects: every failure is a JSON error. */
  fetch(request: Request, context?: FetchContext): Promise<Response>;
}

const ROUTES: readonly Route<CallContext>[] = [
  { method: 'GET', path: '/health', body: 'none', handle: healthRoute },
  { method: 'POST', path: '/auth', body: 'json', handle: authRoute },
  { method: 'POST', path: '/auth/verify', body: 'json', handle: authVerifyRoute },
  { method: 'POST', path: '/sms', body: 'raw', handle: smsRoute },
  { method: 'POST', path: '/sms/status', body: 'raw', handle: smsStatusRoute },
  { method: 'POST', path: '/chat', body: 'json', handle: chatRoute },
];

function stripPrefix(path: string, prefix: string | undefined): string {
  const base = (prefix ?? '').replace(/\/$/, '');
  return base && (path === base || path.startsWith(`${base}/`)) ? path.slice(base.length) : path;
}

/**
 * The path after the mount point and `publicUrl`'s own path, as called: the router drops a
 * trailing slash to match routes, while signatures cover the path Twilio really called.
 */
function calledPath(request: Request, config: BridgeConfig, basePath: string | undefined): string {
  let path = stripPrefix(new URL(request.url).pathname, basePath);
  if (typeof config.publicUrl === 'string')
    path = stripPrefix(path, new URL(config.publicUrl).pathname);
  return path;
}

/** Raised when a route has not answered by its deadline. */
class DeadlineExceeded extends Error {}

/**
 * `work`, or a rejection once `ms` have passed. The work itself goes on (nothing can stop a
 * hung call) but the caller gets an answer; whatever it does later is guarded by the store's
 * claims, so a retry of the request never repeats what it finished.
 */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), ms);
  });
  work.catch(() => {}); // a late failure has nobody left to answer
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * Creates the bridge between a chat channel and SMS. Validates the options at once (a bad one
 * throws, naming it) and returns a `fetch` handler that adapters mount.
 */
export function createBridge(options: BridgeOptions): Bridge {
  const config = resolveConfig(options);
  return {
    async fetch(request, context = {}) {
      const call: CallContext = {
        config,
        clientIp: context.clientIp,
        waitUntil: context.waitUntil,
        deadline: Number.POSITIVE_INFINITY,
      };
      // The deadline starts once the body is read: how fast a client sends is the server's
      // concern (its request timeout), what the route waits for is the bridge's.
      const bounded = (handler: () => Promise<Response>) => {
        call.deadline = Date.now() + config.answerTimeoutMs;
        return withDeadline(handler(), config.answerTimeoutMs);
      };
      try {
        const path = calledPath(request, config, context.basePath);
        return await dispatch(ROUTES, request, path, call, bounded);
      } catch (error) {
        if (error instanceof BridgeError) return errorResponse(error);
        // A store, chat or SMS failure, or one that hung past the deadline: 503 makes Twilio and
        // Stream retry; the detail is logged, never sent.
        config.logger.error(
          error instanceof DeadlineExceeded
            ? '[smsbridge] A dependency did not answer in time.'
            : '[smsbridge] Request failed.',
          {
            path: new URL(request.url).pathname,
            ...(error instanceof DeadlineExceeded
              ? { answerTimeoutMs: config.answerTimeoutMs }
              : { error: error instanceof Error ? error.message : String(error) }),
          },
        );
        return errorResponse(
          new BridgeError(
            'upstream_unavailable',
            'A service the bridge depends on failed; try again.',
          ),
        );
      }
    },
  };
}
