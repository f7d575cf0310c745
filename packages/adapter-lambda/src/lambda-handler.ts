import type { Bridge } from '@smsbridge/core';
import type {
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  LambdaHttpEvent,
  LambdaHttpResult,
} from './events.js';

/** Options of {@link createLambdaHandler}. */
export interface LambdaHandlerOptions {
  /** A path prefix before the bridge's routes (a custom-domain base path, `/bridge`). */
  basePath?: string;
}

interface Normalized {
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

function fromV1(event: ApiGatewayV1Event): Normalized {
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

function fromV2(event: ApiGatewayV2Event): Normalized {
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

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

async function toResult(response: Response): Promise<LambdaHttpResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = TEXT_TYPES.test(response.headers.get('content-type') ?? 'text/plain');
  return {
    statusCode: response.status,
    headers,
    body: text ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !text,
  };
}

/**
 * A Lambda handler for API Gateway REST (v1) and HTTP (v2) APIs and Function URLs:
 * `export const handler = createLambdaHandler(bridge)`. Decodes base64 bodies, strips the stage
 * and `basePath` before routing (the URL keeps them: Twilio signed it), and passes the source IP.
 * No `waitUntil`: a Lambda freezes once it has answered, so the bridge finishes first.
 */
export function createLambdaHandler(
  bridge: Bridge,
  options: LambdaHandlerOptions = {},
): (event: LambdaHttpEvent) => Promise<LambdaHttpResult> {
  return async (event) => {
    const normalized = isV2(event) ? fromV2(event) : fromV1(event);
    const protocol = normalized.headers.get('x-forwarded-proto') ?? 'https';
    const url = `${protocol}://${normalized.host}${normalized.path}${normalized.query ? `?${normalized.query}` : ''}`;
    const hasBody = normalized.method !== 'GET' && normalized.method !== 'HEAD' && normalized.body;
    const request = new Request(url, {
      method: normalized.method,
      headers: normalized.headers,
      ...(hasBody ? { body: normalized.body } : {}),
    } as RequestInit);
    const response = await bridge.fetch(request, {
      basePath: `${normalized.stagePrefix}${(options.basePath ?? '').replace(/\/$/, '')}`,
      ...(normalized.sourceIp ? { clientIp: normalized.sourceIp } : {}),
    });
    return toResult(response);
  };
}
