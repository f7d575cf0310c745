import type { Bridge, FetchContext } from '@smsbridge/core';
import { describe, expect, it } from 'vitest';
import {
  type AlbEvent,
  type ApiGatewayV1Event,
  type ApiGatewayV2Event,
  createLambdaHandler,
  type LambdaHttpEvent,
} from '../src/index.js';

/** What the bridge was given and what the handler answered, for one event. */
async function handled(
  event: LambdaHttpEvent,
  options?: Parameters<typeof createLambdaHandler>[1],
) {
  const seen: { url: string; method: string; body: string; context: FetchContext | undefined }[] =
    [];
  const bridge: Bridge = {
    async fetch(request, context) {
      seen.push({ url: request.url, method: request.method, body: await request.text(), context });
      return new Response('ok');
    },
  };
  const result = await createLambdaHandler(bridge, options)(event);
  return { seen, result };
}

// Users of `exactOptionalPropertyTypes` may spell a missing field `undefined`; the event and
// option types allow it, and the adapter must read it as missing.
describe('fields given as undefined are fields not given', () => {
  it('handler options', async () => {
    const event: ApiGatewayV2Event = {
      version: '2.0',
      rawPath: '/health',
      requestContext: { http: { method: 'GET', sourceIp: '203.0.113.9' } },
    };
    expect(await handled(event, { basePath: undefined, clientIp: undefined })).toEqual(
      await handled(event),
    );
  });

  it('API Gateway v1, v2 and ALB events', async () => {
    const v1: ApiGatewayV1Event = {
      httpMethod: 'POST',
      path: '/sms',
      requestContext: { identity: { sourceIp: '203.0.113.9' } },
    };
    // The fields v1 and ALB events share.
    const unset = {
      headers: undefined,
      multiValueHeaders: undefined,
      queryStringParameters: undefined,
      multiValueQueryStringParameters: undefined,
      body: undefined,
      isBase64Encoded: undefined,
    };
    const v1Undefined: ApiGatewayV1Event = {
      ...v1,
      ...unset,
      requestContext: {
        stage: undefined,
        path: undefined,
        domainName: undefined,
        identity: { sourceIp: '203.0.113.9' },
      },
    };
    const v2: ApiGatewayV2Event = {
      version: '2.0',
      rawPath: '/sms',
      requestContext: { http: { method: 'POST' } },
    };
    const v2Undefined: ApiGatewayV2Event = {
      ...v2,
      rawQueryString: undefined,
      headers: undefined,
      cookies: undefined,
      body: undefined,
      isBase64Encoded: undefined,
      requestContext: {
        stage: undefined,
        domainName: undefined,
        http: { method: 'POST', sourceIp: undefined },
      },
    };
    const alb: AlbEvent = {
      httpMethod: 'POST',
      path: '/sms',
      requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:target' } },
    };
    const albUndefined: AlbEvent = { ...alb, ...unset };
    for (const [given, missing] of [
      [v1Undefined, v1],
      [v2Undefined, v2],
      [albUndefined, alb],
    ] as const) {
      expect(await handled(given)).toEqual(await handled(missing));
    }
  });
});
