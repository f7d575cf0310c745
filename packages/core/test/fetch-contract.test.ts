import { createMemoryStore } from '@smsbridge/store-memory';
import { telnyxSide, testBridgeMount } from '@smsbridge/testkit/conformance';
import { createBridge } from '../src/index.js';
import { createStreamChatTransport } from '../src/stream/index.js';
import { createTwilioSmsTransport } from '../src/twilio/index.js';
import { serveFetch } from './support/serve-fetch.js';
import { createTelnyxLikeTransport } from './support/telnyx-like-transport.js';

testBridgeMount({
  name: 'bridge.fetch',
  async start(env) {
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
    return serveFetch((request) => bridge.fetch(request));
  },
});

testBridgeMount({
  name: 'bridge.fetch with a Telnyx-shaped JSON SMS provider',
  sms: telnyxSide(),
  async start(env) {
    const bridge = createBridge({
      chat: createStreamChatTransport({
        apiKey: env.stream.apiKey,
        apiSecret: env.stream.apiSecret,
        baseURL: env.stream.url,
      }),
      sms: createTelnyxLikeTransport({
        apiKey: env.sms.apiKey,
        publicKey: env.sms.publicKey,
        from: env.sms.phoneNumber,
        apiBaseUrl: env.sms.url,
      }),
      store: createMemoryStore(),
      channel: env.channel,
      defaultCountry: 'US',
    });
    return serveFetch((request) => bridge.fetch(request));
  },
});
