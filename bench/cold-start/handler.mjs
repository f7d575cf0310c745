// One Lambda cold start, the whole process: import the adapter, build the bridge over the memory
// store, answer one event (BENCH_ENV: the upstream and the signed event), print what it answered,
// exit. The member the event needs is seeded before the event; the seeding is timed on its own and
// the parent takes it off, since a deployed store would already hold the member.
import { createLambdaHandler } from '@smsbridge/adapter-lambda';
import { createBridge } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import { createMemoryStore } from '@smsbridge/store-memory';

const env = JSON.parse(process.env.BENCH_ENV);
const logged = [];
const store = createMemoryStore();
const handler = createLambdaHandler(
  createBridge({
    chat: createStreamChatTransport({
      apiKey: env.keys.apiKey,
      apiSecret: env.keys.apiSecret,
      baseURL: env.upstreamUrl,
    }),
    sms: createTwilioSmsTransport({
      accountSid: env.keys.accountSid,
      authToken: env.keys.authToken,
      from: env.keys.number,
      apiBaseUrl: env.upstreamUrl,
    }),
    store,
    channel: env.channel,
    logger: {
      warn: (message) => logged.push(message),
      error: (message, details) => logged.push(details?.error ?? message),
    },
  }),
);
const seeding = performance.now();
await store.upsertMember({ ...env.member, verified: true, newId: env.member.id });
const seedMs = performance.now() - seeding;
const result = await handler(env.event);
process.stdout.write(
  `${JSON.stringify({ status: result.statusCode, body: result.body, seedMs, logged })}\n`,
);
// A Lambda answers and freezes; the process ends here instead of waiting out keep-alive sockets.
process.exit(0);
