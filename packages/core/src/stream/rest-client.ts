import { httpCall } from '../web/http-call.js';
import { signJwt } from './jwt.js';

/** Stream's API, where the `stream-chat` SDK sends its server calls by default. */
export const STREAM_API = 'https://chat.stream-io-api.com';

/** An error answer from Stream's API: its `code` (4 input, 16 not found, 9 rate limit, …). */
export class StreamApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: number | undefined,
  ) {
    super(message);
    this.name = 'StreamApiError';
  }
}

/** One call: method, path (from the API root), query parameters and JSON body. */
export interface StreamCall {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** Options of {@link createStreamRestClient}. */
export interface StreamRestOptions {
  apiKey: string;
  apiSecret: string;
  baseURL: string;
  timeoutMs: number;
}

/**
 * The few server-side calls the bridge makes to Stream (through Node's HTTP client where the
 * runtime has it, else `fetch`), as the `stream-chat` SDK makes them: `api_key` in the query, a server JWT (`{ server: true }`, HS256) in
 * `Authorization`, JSON bodies. Written here instead of loading `stream-chat` (hundreds of
 * milliseconds on a Lambda cold start, Node-only) or `@stream-io/node-sdk` (Node's `crypto` and
 * `jsonwebtoken`, and the `/api/v2` paths): six calls do not need a 6 MB SDK, and this runs on
 * every fetch runtime.
 */
export function createStreamRestClient(options: StreamRestOptions) {
  const base = options.baseURL.replace(/\/$/, '');
  let serverToken: Promise<string> | undefined;

  return async function call<T>(request: StreamCall): Promise<T> {
    serverToken ??= signJwt({ server: true }, options.apiSecret);
    const url = new URL(`${base}${request.path}`);
    url.searchParams.set('api_key', options.apiKey);
    for (const [name, value] of Object.entries(request.query ?? {}))
      url.searchParams.set(name, value);
    const response = await httpCall({
      url: url.href,
      method: request.method,
      headers: {
        authorization: await serverToken,
        'stream-auth-type': 'jwt',
        'x-stream-client': 'smsbridge-core',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      timeoutMs: options.timeoutMs,
    });
    const { text, status } = response;
    const ok = status >= 200 && status <= 299;
    let json: { code?: unknown; message?: unknown };
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      // A proxy's HTML error page, or a body cut short.
      if (ok)
        throw new StreamApiError(
          `Stream answered ${status} with a body that is not JSON`,
          status,
          undefined,
        );
      json = {};
    }
    if (!ok) {
      throw new StreamApiError(
        `Stream answered ${response.status}: ${typeof json.message === 'string' ? json.message : text.slice(0, 200)}`,
        response.status,
        typeof json.code === 'number' ? json.code : undefined,
      );
    }
    return json as T;
  };
}
