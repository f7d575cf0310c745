import type { AlbEvent, ApiGatewayV1Event, ApiGatewayV2Event, LambdaHttpEvent } from './events.js';

/** An event reduced to what a Web `Request` needs, whichever front end sent it. */
export interface NormalizedEvent {
  method: string;
  /** The path as called (what Twilio signed), stage included. */
  path: string;
  query: string;
  headers: Headers;
  body: Uint8Array | undefined;
  /** The stage prefix present in `path`, if any. */
  stagePrefix: string;
  sourceIp: string | undefined;
  host: string;
}

function isV2(event: LambdaHttpEvent): event is ApiGatewayV2Event {
  return (event as ApiGatewayV2Event).version === '2.0';
}

function decodeBody(
  body: string | null | undefined,
  base64: boolean | undefined,
): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  return Buffer.from(body, base64 ? 'base64' : 'utf8');
}

function fromV1(event: ApiGatewayV1Event): NormalizedEvent {
  const headers = new Headers();
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (values) headers.set(name, values.join(', '));
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined && !headers.has(name)) headers.set(name, value);
  }
  const query = new URLSearchParams();
  const multi = event.multiValueQueryStringParameters;
  if (multi) {
    for (const [name, values] of Object.entries(multi))
      for (const value of values ?? []) query.append(name, value);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
      if (value !== undefined) query.append(name, value);
    }
  }
  const stage = event.requestContext.stage;
  const calledPath = event.requestContext.path ?? event.path;
  const stagePrefix = stage && calledPath.startsWith(`/${stage}/`) ? `/${stage}` : '';
  return {
    method: event.httpMethod,
    path: calledPath,
    query: query.toString(),
    headers,
    body: decodeBody(event.body, event.isBase64Encoded),
    stagePrefix,
    sourceIp: event.requestContext.identity?.sourceIp,
    host: headers.get('host') ?? event.requestContext.domainName ?? 'localhost',
  };
}

function fromV2(event: ApiGatewayV2Event): NormalizedEvent {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {}))
    if (value !== undefined) headers.set(name, value);
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const stage = event.requestContext.stage;
  const stagePrefix =
    stage && stage !== '$default' && event.rawPath.startsWith(`/${stage}/`) ? `/${stage}` : '';
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query: event.rawQueryString ?? '',
    headers,
    body: decodeBody(event.body, event.isBase64Encoded),
    stagePrefix,
    sourceIp: event.requestContext.http.sourceIp,
    host: headers.get('host') ?? event.requestContext.domainName ?? 'localhost',
  };
}

function isAlb(event: LambdaHttpEvent): event is AlbEvent {
  return 'elb' in (event.requestContext ?? {});
}

/** Headers from single- or multi-value fields (an ALB sends one of the two). */
function albHeaders(event: AlbEvent): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {}))
    for (const value of values ?? []) headers.append(name, value);
  for (const [name, value] of Object.entries(event.headers ?? {}))
    if (value !== undefined) headers.set(name, value);
  return headers;
}

/**
 * An ALB event. The client's address is the right-most `X-Forwarded-For` entry: the one the ALB
 * appended for the connection it accepted; every entry left of it came from the client and may
 * be forged. Query values are kept percent-encoded, as the ALB passes them (re-encoding them
 * would change the URL Twilio signed).
 */
function fromAlb(event: AlbEvent): NormalizedEvent {
  const headers = albHeaders(event);
  const query: string[] = [];
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {}))
    for (const value of values ?? []) query.push(`${name}=${value}`);
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {}))
    if (value !== undefined) query.push(`${name}=${value}`);
  const forwarded = headers.get('x-forwarded-for')?.split(',');
  return {
    method: event.httpMethod,
    path: event.path,
    query: query.join('&'),
    headers,
    body: decodeBody(event.body, event.isBase64Encoded),
    stagePrefix: '',
    sourceIp: forwarded?.at(-1)?.trim() || undefined,
    host: headers.get('host') ?? 'localhost',
  };
}

/** Any accepted event, normalised. */
export function normalizeEvent(event: LambdaHttpEvent): NormalizedEvent {
  if (isAlb(event)) return fromAlb(event);
  return isV2(event) ? fromV2(event) : fromV1(event as ApiGatewayV1Event);
}
