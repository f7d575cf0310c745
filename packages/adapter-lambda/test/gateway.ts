import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  LambdaHttpEvent,
  LambdaHttpResult,
} from '../src/index.js';

/** Which AWS front end to imitate. */
export type GatewayKind = 'rest-v1' | 'http-v2' | 'function-url';

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

/** Serves `handler` on loopback as API Gateway or a Function URL would invoke it. */
export async function startGateway(
  kind: GatewayKind,
  handler: (event: LambdaHttpEvent) => Promise<LambdaHttpResult>,
) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const result = await handler(toEvent(kind, req, Buffer.concat(chunks)));
    res.writeHead(result.statusCode, result.headers);
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
