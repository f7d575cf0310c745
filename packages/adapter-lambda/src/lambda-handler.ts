import type { Bridge } from '@smsbridge/core';
import type { LambdaHttpEvent, LambdaHttpResult } from './events.js';
import { normalizeEvent } from './normalize-event.js';

/** Options of {@link createLambdaHandler}. */
export interface LambdaHandlerOptions {
  /** A path prefix before the bridge's routes (a custom-domain base path, `/bridge`). */
  basePath?: string | undefined;
  /**
   * The client's IP address, for the per-IP sign-up limit, when the default is wrong: the source
   * IP API Gateway or a Function URL saw, or, behind an ALB, the right-most `X-Forwarded-For`
   * entry. Behind CloudFront both are an edge address that many clients share; read the
   * viewer's from the `CloudFront-Viewer-Address` header instead (see the README).
   */
  clientIp?: ((headers: Headers, defaultIp: string | undefined) => string | undefined) | undefined;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

/** Status texts for an ALB's status line, for the statuses the bridge answers with. */
const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

async function toResult(response: Response, event: LambdaHttpEvent): Promise<LambdaHttpResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = TEXT_TYPES.test(response.headers.get('content-type') ?? 'text/plain');
  const result: LambdaHttpResult = {
    statusCode: response.status,
    body: text ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !text,
  };
  if (!('elb' in event.requestContext)) return { ...result, headers };
  // An ALB answers with a status line, and in the header form its event came in.
  result.statusDescription = `${response.status} ${STATUS_TEXT[response.status] ?? ''}`.trim();
  if ('multiValueHeaders' in event && event.multiValueHeaders) {
    result.multiValueHeaders = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, [value]]),
    );
  } else result.headers = headers;
  return result;
}

/**
 * A Lambda handler for API Gateway REST (v1) and HTTP (v2) APIs, Function URLs and Application
 * Load Balancers: `export const handler = createLambdaHandler(bridge)`. Decodes base64 bodies,
 * strips the stage and `basePath` before routing (the URL keeps them: Twilio signed it), and
 * passes the client's IP. No `waitUntil`: a Lambda freezes once it has answered, so the bridge
 * finishes first.
 */
export function createLambdaHandler(
  bridge: Bridge,
  options: LambdaHandlerOptions = {},
): (event: LambdaHttpEvent) => Promise<LambdaHttpResult> {
  return async (event) => {
    const normalized = normalizeEvent(event);
    const protocol = normalized.headers.get('x-forwarded-proto') ?? 'https';
    const url = `${protocol}://${normalized.host}${normalized.path}${normalized.query ? `?${normalized.query}` : ''}`;
    const hasBody = normalized.method !== 'GET' && normalized.method !== 'HEAD' && normalized.body;
    const request = new Request(url, {
      method: normalized.method,
      headers: normalized.headers,
      ...(hasBody ? { body: normalized.body } : {}),
    } as RequestInit);
    const clientIp = options.clientIp
      ? options.clientIp(normalized.headers, normalized.sourceIp)
      : normalized.sourceIp;
    const response = await bridge.fetch(request, {
      basePath: `${normalized.stagePrefix}${(options.basePath ?? '').replace(/\/$/, '')}`,
      ...(clientIp ? { clientIp } : {}),
    });
    return toResult(response, event);
  };
}
