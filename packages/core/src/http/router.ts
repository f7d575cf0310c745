import { BridgeError } from '../errors.js';
import { readBody } from './read-body.js';

/**
 * The body a route takes: JSON (checked here), `raw` bytes of any type (a provider's webhook,
 * whose transport knows what its provider sends and checks it), or none.
 */
export type BodyType = 'json' | 'raw' | 'none';

/** What a route handler gets: the request, its exact body bytes and the call's context. */
export interface RouteRequest {
  request: Request;
  /** The path after the mount point, as routed (no trailing slash), e.g. `/sms`. */
  path: string;
  /** The same path exactly as called (`/sms/` stays `/sms/`): what webhook signatures cover. */
  calledPath: string;
  rawBody: Uint8Array;
}

/** One route: method, path, accepted body type and handler. */
export interface Route<Context> {
  method: 'GET' | 'POST';
  path: string;
  body: BodyType;
  handle(route: RouteRequest, context: Context): Promise<Response>;
}

/**
 * Dispatches in the decided order of checks: unknown path 404, wrong method 405 (with `Allow`),
 * body over 64 KiB 413, wrong content type 415; then the handler (signature, validation), run
 * through `guard` (the bridge bounds its time there: a slow client's body is not the handler's).
 */
export async function dispatch<Context>(
  routes: readonly Route<Context>[],
  request: Request,
  calledPath: string,
  context: Context,
  guard: (handler: () => Promise<Response>) => Promise<Response> = (handler) => handler(),
): Promise<Response> {
  const path = calledPath === '' ? '/' : calledPath.replace(/(.)\/$/, '$1');
  const forPath = routes.filter((route) => route.path === path);
  if (forPath.length === 0) throw new BridgeError('not_found', `No route ${path}.`);
  // HEAD is GET without the body (RFC 9110 requires both of a general-purpose server): load
  // balancers' health checks send it.
  const head = request.method === 'HEAD';
  const route = forPath.find((candidate) => candidate.method === (head ? 'GET' : request.method));
  if (!route) {
    throw new BridgeError('method_not_allowed', `${request.method} is not allowed on ${path}.`, {
      allow: forPath
        .flatMap((candidate) => (candidate.method === 'GET' ? ['GET', 'HEAD'] : [candidate.method]))
        .join(', '),
    });
  }
  const rawBody = route.body === 'none' ? new Uint8Array(0) : await readBody(request);
  if (route.body === 'json') requireMediaType(request.headers, 'application/json', path);
  const response = await guard(() => route.handle({ request, path, calledPath, rawBody }, context));
  return head
    ? new Response(null, { status: response.status, headers: response.headers })
    : response;
}

/** The media type of a body, lower case, without parameters (`application/json`). */
export function mediaTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Refuses a body that is not of `expected` type with 415, naming both. */
export function requireMediaType(headers: Headers, expected: string, what: string): void {
  const mediaType = mediaTypeOf(headers);
  if (mediaType !== expected) {
    throw new BridgeError(
      'unsupported_media_type',
      `${what} takes ${expected}, not ${mediaType || 'a body without Content-Type'}.`,
    );
  }
}
