import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBridge } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import { createMemoryStore } from '@smsbridge/store-memory';
import { type BridgeMountEnvironment, testBridgeMount } from '@smsbridge/testkit/conformance';
import express5 from 'express';
import express4 from 'express4';
import { createExpressHandler, keepRawBody } from '../src/index.js';

type ExpressFactory = typeof express5;

function bridgeFor(env: BridgeMountEnvironment) {
  return createBridge({
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
}

/** Serves the bridge under /bridge in an Express app, optionally behind an app-wide JSON parser. */
function mountWith(expressFactory: ExpressFactory, appWideJson: boolean) {
  return async (env: BridgeMountEnvironment) => {
    const app = expressFactory();
    if (appWideJson) app.use(expressFactory.json({ verify: keepRawBody }));
    app.use('/bridge', createExpressHandler(bridgeFor(env)));
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/bridge`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  };
}

testBridgeMount({ name: 'Express 5', start: mountWith(express5, false) });
testBridgeMount({
  name: 'Express 5 with app-wide express.json({ verify: keepRawBody })',
  start: mountWith(express5, true),
});
testBridgeMount({
  name: 'Express 4',
  start: mountWith(express4 as unknown as ExpressFactory, false),
});
