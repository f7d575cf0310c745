import { type Bot, createQuoteBot, type Store } from '@smsbridge/core';
import { createMemoryStore } from '@smsbridge/store-memory';
import { createMongoStore } from '@smsbridge/store-mongo';
import { startStreamEmulator, startTwilioEmulator } from '@smsbridge/testkit';
import type { ChattyConfig } from './config.js';

/** Where the bridge's transports point, and what the web app needs to know. */
export interface ChattyServices {
  stream: { apiKey: string; apiSecret: string; baseURL: string | undefined };
  twilio: { accountSid: string; authToken: string; number: string; apiBaseUrl: string | undefined };
  store: Store;
  bot: Bot;
  /** Local mode: the phone simulator and a hook to point the emulators' webhooks at Chatty. */
  local?: {
    phoneSimulatorUrl: string;
    connect(bridgeUrl: string): void;
    close(): Promise<void>;
  };
}

const LOCAL = {
  apiKey: 'chatty-local-key',
  apiSecret: 'chatty-local-secret',
  accountSid: `AC${'c'.repeat(32)}`,
  authToken: 'chatty-local-token',
  number: '+15005550006',
};

/** Live mode uses the real services; local mode starts the emulators in this process. */
export async function startServices(config: ChattyConfig): Promise<ChattyServices> {
  const bot = createQuoteBot({
    id: 'chatty-kathy',
    name: 'Chatty Kathy',
    trigger: 'every-message',
  });
  if (config.mode === 'live') {
    return {
      stream: {
        apiKey: config.STREAM_API_KEY as string,
        apiSecret: config.STREAM_API_SECRET as string,
        baseURL: undefined,
      },
      twilio: {
        accountSid: config.TWILIO_ACCOUNT_SID as string,
        authToken: config.TWILIO_AUTH_TOKEN as string,
        number: config.TWILIO_NUMBER as string,
        apiBaseUrl: config.TWILIO_API_BASE_URL,
      },
      store: config.MONGODB_URI
        ? createMongoStore({ uri: config.MONGODB_URI })
        : createMemoryStore(),
      bot,
    };
  }
  const stream = await startStreamEmulator({
    apiKey: LOCAL.apiKey,
    apiSecret: LOCAL.apiSecret,
    host: config.HOST,
  });
  const twilio = await startTwilioEmulator({
    accountSid: LOCAL.accountSid,
    authToken: LOCAL.authToken,
    host: config.HOST,
    phoneNumbers: [LOCAL.number],
  });
  return {
    stream: { apiKey: LOCAL.apiKey, apiSecret: LOCAL.apiSecret, baseURL: stream.url },
    twilio: {
      accountSid: LOCAL.accountSid,
      authToken: LOCAL.authToken,
      number: LOCAL.number,
      apiBaseUrl: twilio.url,
    },
    store: createMemoryStore(),
    bot,
    local: {
      phoneSimulatorUrl: `${twilio.url}/phone`,
      connect(bridgeUrl) {
        stream.setWebhookUrl(`${bridgeUrl}/chat`);
        twilio.setWebhookUrl(`${bridgeUrl}/sms`);
      },
      close: async () => {
        await Promise.all([stream.close(), twilio.close()]);
      },
    },
  };
}
