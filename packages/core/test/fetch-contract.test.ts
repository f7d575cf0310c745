import { createMemoryStore } from '@smsbridge/store-memory';
import { testBridgeMount } from '@smsbridge/testkit/conformance';
import { createBridge } from '../src/index.js';
import { createStreamChatTransport } from '../src/stream/index.js';
import { createTwilioSmsTransport } from '../src/twilio/index.js';
import { serveFetch } from './support/serve-fetch.js';

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
