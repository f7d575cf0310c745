import { nodeBuiltin } from './node-builtin.js';

/** One call to a provider's REST API: small bodies both ways, a deadline for the whole exchange. */
export interface HttpCall {
  url: string;
  method: 'GET' | 'POST' | 'PATCH';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** The provider's answer, read to the end. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  text: string;
}

/**
 * The part of `node:http` and `node:https` a call needs, written out rather than imported: the
 * core imports no server or client module (see the boundary test), it only asks the runtime.
 */
interface NodeIncoming {
  statusCode?: number | undefined;
  statusMessage?: string | undefined;
  setEncoding(encoding: 'utf8'): void;
  on(event: 'data', listener: (chunk: string) => void): void;
  once(event: 'end' | 'aborted', listener: () => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
}
interface NodeOutgoing {
  once(event: 'error', listener: (error: Error) => void): void;
  destroy(error: Error): void;
  end(body?: Uint8Array): void;
}
interface NodeHttpModule {
  request(
    url: URL,
    options: { method: string; headers: Record<string, string> },
    onResponse: (response: NodeIncoming) => void,
  ): NodeOutgoing;
}

let nodeHttp: { 'http:': NodeHttpModule; 'https:': NodeHttpModule } | null | undefined;

/**
 * Node's own HTTP client where the runtime offers it (see {@link nodeBuiltin}). In Node 20,
 * `fetch` (undici) costs about three times the CPU of `node:http` per call (measured 455 vs
 * 106–149 µs against the same local server), its first call adds some 30 ms to a cold start
 * compiling its WebAssembly HTTP parser, and a process that used it takes 100 ms longer to exit.
 */
function nodeHttpModules() {
  if (nodeHttp === undefined) {
    const http = nodeBuiltin<NodeHttpModule>('http', 'request');
    const https = nodeBuiltin<NodeHttpModule>('https', 'request');
    nodeHttp = http && https ? { 'http:': http, 'https:': https } : null;
  }
  return nodeHttp;
}

/** What `AbortSignal.timeout` makes `fetch` reject with, so callers treat both paths alike. */
function timeoutError(): Error {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/** What `fetch` rejects with when the connection fails: the cause carries `code` (ECONNREFUSED). */
function networkError(cause: unknown): Error {
  return new TypeError('fetch failed', { cause });
}

function viaNode(modules: NonNullable<typeof nodeHttp>, call: HttpCall): Promise<HttpAnswer> {
  const url = new URL(call.url);
  const module = modules[url.protocol as 'http:' | 'https:'];
  if (!module) return Promise.reject(networkError(new Error(`Unsupported URL ${url.protocol}`)));
  const body = call.body === undefined ? undefined : new TextEncoder().encode(call.body);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    // The node default agent keeps connections alive (Node 19+), as undici's does.
    const request = module.request(
      url,
      {
        method: call.method,
        headers: body
          ? { ...call.headers, 'content-length': String(body.byteLength) }
          : call.headers,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.once('end', () =>
          finish(() =>
            resolve({
              status: response.statusCode ?? 0,
              statusText: response.statusMessage ?? '',
              text,
            }),
          ),
        );
        response.once('error', (error) => finish(() => reject(networkError(error))));
        response.once('aborted', () =>
          finish(() => reject(networkError(new Error('The answer was cut off.')))),
        );
      },
    );
    const timer = setTimeout(() => {
      const error = timeoutError();
      finish(() => reject(error));
      request.destroy(error);
    }, call.timeoutMs);
    request.once('error', (error) => finish(() => reject(networkError(error))));
    request.end(body);
  });
}

async function viaFetch(call: HttpCall): Promise<HttpAnswer> {
  const response = await fetch(call.url, {
    method: call.method,
    headers: call.headers,
    // Stream's and Twilio's APIs never redirect; a redirect is answered as the error it is
    // rather than followed with the credentials. ('error' would say so too, but Cloudflare
    // Workers refuse that mode.)
    redirect: 'manual',
    ...(call.body === undefined ? {} : { body: call.body }),
    signal: AbortSignal.timeout(call.timeoutMs),
  });
  return { status: response.status, statusText: response.statusText, text: await response.text() };
}

/**
 * Makes one REST call and reads the answer, through `node:http(s)` where the runtime offers it,
 * else `fetch`. Rejects as `fetch` does: a `TimeoutError` past `timeoutMs` (the provider may
 * have acted on it), a `TypeError` whose `cause.code` names a connection failure.
 */
export function httpCall(call: HttpCall): Promise<HttpAnswer> {
  const modules = nodeHttpModules();
  return modules ? viaNode(modules, call) : viaFetch(call);
}

/** `httpCall` through `fetch` alone: what runs where Node's HTTP client is not offered. */
export const httpCallViaFetch = viaFetch;
