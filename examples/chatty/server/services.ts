import { type Bot, createQuoteBot, type Store } from '@smsbridge/core';
import { createMemoryStore } from '@smsbridge/store-memory';
import { createMongoStore } from '@smsbridge/store-mongo';
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

/** Chatty Kathy, the same in both modes. */
export function chattyBot(): Bot {
  return createQuoteBot({
    id: 'chatty-kathy',
    name: 'Chatty Kathy',
    // Only messages that @mention it: answering every message drowned the conversation.
    trigger: 'mention',
  });
}

/**
 * Live mode: the real services (or whatever `STREAM_BASE_URL` and `TWILIO_API_BASE_URL` point
 * at), MongoDB when `MONGODB_URI` is set. Kept apart from the emulators so the Lambda entry,
 * which runs live mode only, never bundles them.
 */
export function liveServices(config: ChattyConfig): ChattyServices {
  return {
    stream: {
      apiKey: config.STREAM_API_KEY as string,
      apiSecret: config.STREAM_API_SECRET as string,
      baseURL: config.STREAM_BASE_URL,
    },
    twilio: {
      accountSid: config.TWILIO_ACCOUNT_SID as string,
      authToken: config.TWILIO_AUTH_TOKEN as string,
      number: config.TWILIO_NUMBER as string,
      apiBaseUrl: config.TWILIO_API_BASE_URL,
    },
    store: config.MONGODB_URI ? createMongoStore({ uri: config.MONGODB_URI }) : createMemoryStore(),
    bot: chattyBot(),
  };
}
