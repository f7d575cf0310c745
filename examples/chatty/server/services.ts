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
    /** Resolves when every queued Stream webhook delivery, retries included, has finished. */
    webhooksIdle(): Promise<void>;
    close(): Promise<void>;
  };
}

/**
 * Local mode's credentials. Only the in-process emulators accept them, so they are not secrets;
 * exported for tests that talk to the emulators as the bridge does.
 */
export const LOCAL_CREDENTIALS = {
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
    // Only messages that @mention it: answering every message drowned the conversation.
    trigger: 'mention',
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
  const stream = await onPort(config.STREAM_EMULATOR_PORT, 'STREAM_EMULATOR_PORT', () =>
    startStreamEmulator({
      apiKey: LOCAL_CREDENTIALS.apiKey,
      apiSecret: LOCAL_CREDENTIALS.apiSecret,
      host: config.HOST,
      port: config.STREAM_EMULATOR_PORT,
    }),
  );
  const twilio = await onPort(config.TWILIO_EMULATOR_PORT, 'TWILIO_EMULATOR_PORT', () =>
    startTwilioEmulator({
      accountSid: LOCAL_CREDENTIALS.accountSid,
      authToken: LOCAL_CREDENTIALS.authToken,
      host: config.HOST,
      port: config.TWILIO_EMULATOR_PORT,
      phoneNumbers: [LOCAL_CREDENTIALS.number],
    }),
  ).catch(async (error: unknown) => {
    await stream.close();
    throw error;
  });
  return {
    stream: {
      apiKey: LOCAL_CREDENTIALS.apiKey,
      apiSecret: LOCAL_CREDENTIALS.apiSecret,
      baseURL: stream.url,
    },
    twilio: {
      accountSid: LOCAL_CREDENTIALS.accountSid,
      authToken: LOCAL_CREDENTIALS.authToken,
      number: LOCAL_CREDENTIALS.number,
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
      webhooksIdle: () => stream.webhooksIdle(),
      close: async () => {
        await Promise.all([stream.close(), twilio.close()]);
      },
    },
  };
}

/** Starts an emulator, turning "port in use" into a message that says which variable to set. */
async function onPort<T>(port: number, variable: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `[chatty] Port ${port} is in use (is Chatty or \`npm run emulators\` already running?). Stop it, or set ${variable} to a free port (0 = any).`,
      );
    }
    throw error;
  }
}
