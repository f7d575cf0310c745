import { createMemoryStore } from '@smsbridge/store-memory';
import { startStreamEmulator, startTwilioEmulator } from '@smsbridge/testkit';
import type { ChattyConfig } from './config.js';
import { type ChattyServices, chattyBot } from './services.js';

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

/** Local mode: the Stream and Twilio emulators in this process, and the memory store. */
export async function startLocalServices(config: ChattyConfig): Promise<ChattyServices> {
  const bot = chattyBot();
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
