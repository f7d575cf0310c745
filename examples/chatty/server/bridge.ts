import { type Bridge, createBridge } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import type { ChattyConfig } from './config.js';
import type { ChattyServices } from './services.js';

/** Chatty's one channel. */
export function chattyChannel(config: ChattyConfig) {
  return { type: 'messaging', id: config.CHANNEL_ID, name: 'Chatty' };
}

/** The bridge, the same for the Express server and the Lambda handler. */
export function createChattyBridge(config: ChattyConfig, services: ChattyServices): Bridge {
  return createBridge({
    chat: createStreamChatTransport({
      apiKey: services.stream.apiKey,
      apiSecret: services.stream.apiSecret,
      ...(services.stream.baseURL ? { baseURL: services.stream.baseURL } : {}),
    }),
    sms: createTwilioSmsTransport({
      accountSid: services.twilio.accountSid,
      authToken: services.twilio.authToken,
      from: services.twilio.number,
      ...(services.twilio.apiBaseUrl ? { apiBaseUrl: services.twilio.apiBaseUrl } : {}),
    }),
    store: services.store,
    channel: chattyChannel(config),
    bot: services.bot,
    defaultCountry: 'US',
    // Who may sign up by texted code: these countries' mobiles (SMS pumping texts the rest).
    signUp: { countries: config.SIGNUP_COUNTRIES },
    ...(config.PUBLIC_URL ? { publicUrl: `${config.PUBLIC_URL.replace(/\/$/, '')}/bridge` } : {}),
  });
}
