// A user's project under `strict` and `exactOptionalPropertyTypes`, compiled against the packed
// packages by strict-consumer.test.ts (never by this repository's own tsconfig). It uses the
// public API as the README does, with values straight from `process.env` (`string | undefined`)
// where an option may be left unset, and names every option of createBridge().
import { createServer } from 'node:http';
import { createExpressHandler, keepRawBody } from '@smsbridge/adapter-express';
import {
  type AlbEvent,
  type ApiGatewayV2Event,
  createLambdaHandler,
} from '@smsbridge/adapter-lambda';
import {
  type Bot,
  BridgeError,
  type BridgeOptions,
  type ChatMessage,
  createBridge,
  createQuoteBot,
  type DeliveryRecord,
  type MemberInput,
} from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import { createMemoryStore } from '@smsbridge/store-memory';
import { createMongoStore } from '@smsbridge/store-mongo';
import { testStore } from '@smsbridge/testkit/conformance';
import express from 'express';

const env = process.env;
const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));

const bot: Bot = createQuoteBot({
  id: 'chatty-kathy',
  name: 'Chatty Kathy',
  image: env.BOT_IMAGE,
  quotes: env.QUOTES?.split('|'),
  trigger: env.BOT_EVERY_MESSAGE ? 'every-message' : undefined,
  timeoutMs: number(env.BOT_TIMEOUT_MS),
});

const options = {
  chat: createStreamChatTransport({
    apiKey: env.STREAM_API_KEY ?? '',
    apiSecret: env.STREAM_API_SECRET ?? '',
    baseURL: env.STREAM_BASE_URL, // unset: Stream itself; set: the local emulator
    timeoutMs: number(env.STREAM_TIMEOUT_MS),
  }),
  sms: createTwilioSmsTransport({
    accountSid: env.TWILIO_ACCOUNT_SID ?? '',
    authToken: env.TWILIO_AUTH_TOKEN ?? '',
    from: env.TWILIO_NUMBER,
    messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
    apiBaseUrl: env.TWILIO_API_BASE_URL, // unset: Twilio itself
    timeoutMs: number(env.TWILIO_TIMEOUT_MS),
  }),
  store: env.MONGODB_URI
    ? createMongoStore({
        uri: env.MONGODB_URI,
        client: undefined,
        dbName: env.MONGODB_DB,
        collectionPrefix: env.MONGODB_PREFIX,
        sweepIntervalMs: number(env.SWEEP_INTERVAL_MS),
        timeoutMS: number(env.MONGODB_TIMEOUT_MS),
      })
    : createMemoryStore({ sweepIntervalMs: number(env.SWEEP_INTERVAL_MS), warn: undefined }),
  channel: { type: 'messaging', id: 'chatty-kathy', name: env.CHANNEL_NAME, image: undefined },
  bot: env.NO_BOT ? undefined : bot,
  defaultCountry: env.DEFAULT_COUNTRY === 'CA' ? 'CA' : undefined,
  publicUrl: env.PUBLIC_URL, // e.g. https://example.com/bridge: the URL Twilio calls and signs
  statusCallbackUrl: env.STATUS_CALLBACK_URL,
  signupUrl: env.SIGNUP_URL,
  verification: env.DEMO ? 'none' : undefined,
  tokenTtlSeconds: number(env.TOKEN_TTL_SECONDS),
  messages: env.HELP_TEXT ? { help: env.HELP_TEXT } : undefined,
  systemUserId: env.SYSTEM_USER_ID,
  fanOutConcurrency: number(env.FAN_OUT),
  smsMaxChars: number(env.SMS_MAX_CHARS),
  dedupeTtlSeconds: number(env.DEDUPE_TTL_SECONDS),
  rateLimits: env.STRICT ? { perPhonePerHour: 3 } : undefined,
  signUp: {
    countries: env.ANY_COUNTRY ? 'any' : undefined,
    numberTypes: env.LANDLINES ? ['MOBILE', 'FIXED_LINE'] : undefined,
    maxCodesPerHour: number(env.MAX_CODES_PER_HOUR),
    maxCodesPerPrefixPerHour: number(env.MAX_CODES_PER_PREFIX),
  },
  throttle: {
    textsPerAuthorPerMinute: number(env.TEXTS_PER_AUTHOR),
    textsPerMemberPerMinute: number(env.TEXTS_PER_MEMBER),
  },
  deliveryTtlSeconds: number(env.DELIVERY_TTL_SECONDS),
  answerTimeoutMs: number(env.ANSWER_TIMEOUT_MS),
  logger: env.QUIET ? { warn: () => {}, error: console.error } : undefined,
} satisfies BridgeOptions;

// Every option above, or this line fails to compile: a new option joins this file.
const everyOption: Record<keyof BridgeOptions, unknown> = options;
const bridge = createBridge(options);

const app = express();
app.use(express.json({ verify: keepRawBody }));
app.use('/bridge', createExpressHandler(bridge));
export const server = createServer(app).listen(Number(env.PORT ?? 3000));

export const handler = createLambdaHandler(bridge, {
  basePath: env.BASE_PATH,
  clientIp: env.BEHIND_CLOUDFRONT
    ? (headers) => headers.get('cloudfront-viewer-address')?.replace(/:\d+$/, '')
    : undefined,
});
export const v2: ApiGatewayV2Event = {
  version: '2.0',
  rawPath: '/sms',
  rawQueryString: env.QUERY,
  body: env.BODY,
  isBase64Encoded: undefined,
  requestContext: { stage: env.STAGE, http: { method: 'POST', sourceIp: env.SOURCE_IP } },
};
export const alb: AlbEvent = {
  httpMethod: 'POST',
  path: '/sms',
  headers: undefined,
  body: null,
  requestContext: { elb: { targetGroupArn: 'arn' } },
};
export const answer = bridge.fetch(new Request('https://example.com/health'), {
  clientIp: env.CLIENT_IP,
  basePath: env.BASE_PATH,
  waitUntil: undefined,
});

// Types a user implements or builds: a transport's parsed message, a store's records.
export const message: ChatMessage = {
  id: 'm1',
  text: 'hi',
  channel: { type: 'messaging', id: 'chatty-kathy' },
  author: { id: 'ada', name: 'Ada' },
  mentioned: [{ id: 'bo', name: 'Bo', online: undefined }],
  parentId: env.PARENT_ID,
  fromBridge: false,
  source: undefined,
  createdAt: undefined,
  noTextTo: undefined,
};
export const input: MemberInput = {
  phone: '+14155550100',
  name: 'Ada',
  verified: true,
  image: env.IMAGE,
  newId: 'm1',
};
export const delivery: DeliveryRecord = {
  messageSid: 'SM1',
  memberId: 'm1',
  status: 'failed',
  errorCode: number(env.ERROR_CODE),
  updatedAt: new Date(),
  expiresAt: new Date(),
};
export const refused = new BridgeError('rate_limited', 'Slow down.', {
  retryAfterSeconds: number(env.RETRY_AFTER),
  allow: undefined,
});

testStore({
  name: 'memory',
  create: () => createMemoryStore(),
  countRecords: env.COUNT ? async (store) => (await store.listMembers()).length : undefined,
});

export { everyOption };
