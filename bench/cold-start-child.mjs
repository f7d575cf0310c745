// One Lambda cold start: import the adapter, build the bridge, answer one signed inbound SMS.
// With EAGER=1 it first imports twilio, stream-chat and mongodb, as the tutorial's handler did.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
if (process.env.EAGER === '1') {
  require('twilio');
  require('stream-chat');
  require('mongodb');
}
const { createLambdaHandler } = await import('@smsbridge/adapter-lambda');
const { createBridge } = await import('@smsbridge/core');
const { createStreamChatTransport } = await import('@smsbridge/core/stream');
const { createTwilioSmsTransport } = await import('@smsbridge/core/twilio');
const { createMemoryStore } = await import('@smsbridge/store-memory');

const env = JSON.parse(process.env.BENCH_ENV);
const handler = createLambdaHandler(
  createBridge({
    chat: createStreamChatTransport({
      apiKey: env.apiKey,
      apiSecret: env.apiSecret,
      baseURL: env.streamUrl,
    }),
    sms: createTwilioSmsTransport({
      accountSid: env.accountSid,
      authToken: env.authToken,
      from: env.number,
      apiBaseUrl: env.twilioUrl,
    }),
    store: createMemoryStore(),
    channel: { type: 'messaging', id: 'bench' },
  }),
);
// Signed by the parent, so the measured process loads only what a Lambda would.
const params = env.params;
const result = await handler({
  version: '2.0',
  rawPath: '/sms',
  headers: {
    host: 'bench.example.com',
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': env.signature,
  },
  body: new URLSearchParams(params).toString(),
  requestContext: { stage: '$default', http: { method: 'POST', sourceIp: '127.0.0.1' } },
});
process.exitCode = result.statusCode === 200 && result.body.includes('<Message>') ? 0 : 3;
