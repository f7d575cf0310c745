import { createBridge } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import { createMemoryStore } from '@smsbridge/store-memory';
import { type BridgeMountEnvironment, testBridgeMount } from '@smsbridge/testkit/conformance';
import { createLambdaHandler } from '../src/index.js';
import { type GatewayKind, startGateway } from './gateway.js';

function mountAs(kind: GatewayKind) {
  return async (env: BridgeMountEnvironment) => {
    const bridge = createBridge({
      chat: createStreamChatTransport({
        apiKey: env.stream.apiKey,
        apiSecret: env.stream.apiSecret,
        baseURL: env.stream.url,
      }),
      sms: createTwilioSmsTransport({
        accountSid: env.twilio.accountSid,
        authToken: env.twilio.authToken,
        from: env.twilio.phoneNumber,
        apiBaseUrl: env.twilio.url,
      }),
      store: createMemoryStore(),
      channel: env.channel,
      defaultCountry: 'US',
    });
    const gateway = await startGateway(kind, createLambdaHandler(bridge, { basePath: '/bridge' }));
    const stage = kind === 'rest-v1' || kind === 'http-v2' ? '/prod' : '';
    return { url: `${gateway.origin}${stage}/bridge`, close: gateway.close };
  };
}

testBridgeMount({
  name: 'Lambda, API Gateway REST API (v1, stage prod)',
  start: mountAs('rest-v1'),
});
testBridgeMount({
  name: 'Lambda, API Gateway HTTP API (v2, stage prod, base64 bodies)',
  start: mountAs('http-v2'),
});
testBridgeMount({ name: 'Lambda, Function URL (base64 bodies)', start: mountAs('function-url') });
testBridgeMount({ name: 'Lambda, Application Load Balancer', start: mountAs('alb') });
testBridgeMount({
  name: 'Lambda, Application Load Balancer with multi-value headers',
  start: mountAs('alb-multi-value'),
});
