import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AlbEvent,
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  LambdaHttpEvent,
  LambdaHttpResult,
} from '../src/index.js';

/**
 * Which AWS front end to imitate: API Gateway REST (v1) or HTTP API (v2), a Function URL, or an
 * Application Load Balancer target group, with or without multi-value headers.
 */
export type GatewayKind = 'rest-v1' | 'http-v2' | 'function-url' | 'alb' | 'alb-multi-value';

/** The address the ALB saw the client connect from (it appends it to X-Forwarded-For). */
export const ALB_PEER_IP = '198.51.100.7';

function singleHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // API Gateway always says how the client connected; here it was plain HTTP on loopback.
  headers['x-forwarded-proto'] = 'http';
  return headers;
}

/**
 * Builds the event AWS would deliver for this request. REST (v1) gets text bodies and a `prod`
 * stage; HTTP API (v2) and Function URLs get base64 bodies, as they send for form posts.
 */
function toEvent(kind: GatewayKind, req: IncomingMessage, body: Buffer): LambdaHttpEvent {
  const url = new URL(req.url ?? '/', 'http://gateway');
  if (kind === 'alb' || kind === 'alb-multi-value') return toAlbEvent(kind, req, url, body);
  const headers = singleHeaders(req);
  const sourceIp = '203.0.113.9';
  if (kind === 'rest-v1') {
    const event: ApiGatewayV1Event = {
      httpMethod: req.method ?? 'GET',
      path: url.pathname.replace(/^\/prod/, ''),
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : null,
      multiValueQueryStringParameters: null,
      body: body.length ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: { stage: 'prod', path: url.pathname, identity: { sourceIp } },
    };
    return event;
  }
  const event: ApiGatewayV2Event = {
    version: '2.0',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    isBase64Encoded: true,
    requestContext: {
      stage: kind === 'http-v2' ? 'prod' : '$default',
      http: { method: req.method ?? 'GET', sourceIp },
    },
  };
  if (body.length) event.body = body.toString('base64');
  return event;
}

/**
 * An ALB event: the query string as received (ALB does not decode it), the client's address
 * appended to X-Forwarded-For, base64 bodies, and with multi-value headers on, only the
 * multi-value fields.
 */
function toAlbEvent(
  kind: 'alb' | 'alb-multi-value',
  req: IncomingMessage,
  url: URL,
  body: Buffer,
): AlbEvent {
  const headers = singleHeaders(req);
  const forwarded = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwarded ? `${forwarded}, ${ALB_PEER_IP}` : ALB_PEER_IP;
  const rawQuery = url.search.slice(1).split('&').filter(Boolean);
  const pairs = rawQuery.map((pair) => {
    const [name = '', value = ''] = pair.split('=');
    return [name, value] as const;
  });
  const event: AlbEvent = {
    requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:test:tg/bridge' } },
    httpMethod: req.method ?? 'GET',
    path: url.pathname,
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
  if (kind === 'alb') {
    event.headers = headers;
    event.queryStringParameters = Object.fromEntries(pairs);
  } else {
    event.multiValueHeaders = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, [value]]),
    );
    const multi: Record<string, string[]> = {};
    for (const [name, value] of pairs) multi[name] = [...(multi[name] ?? []), value];
    event.multiValueQueryStringParameters = multi;
  }
  return event;
}

/** The result headers as a plain object, whichever form the handler answered with. */
function resultHeaders(result: LambdaHttpResult): Record<string, string | string[]> {
  return result.multiValueHeaders ?? result.headers ?? {};
}

/** Serves `handler` on loopback as API Gateway or a Function URL would invoke it. */
export async function startGateway(
  kind: GatewayKind,
  handler: (event: LambdaHttpEvent) => Promise<LambdaHttpResult>,
) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const result = await handler(toEvent(kind, req, Buffer.concat(chunks)));
    res.writeHead(result.statusCode, resultHeaders(result));
    res.end(Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
