// A bridge over the memory store, pointed at the bench upstream, for the child processes that
// measure one (not the cold-start child: it builds its own, importing only what a Lambda would).
import { createBridge } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import { createMemoryStore } from '@smsbridge/store-memory';
import { CHANNEL, KEYS, MEMBER } from './lib.mjs';

/** Errors the bridge logged, so a child can report them instead of printing under load. */
export const logged = { warn: 0, error: 0, last: undefined };

export function benchBridge(upstreamUrl, options = {}, storeOptions = {}) {
  const store = createMemoryStore(storeOptions);
  const chat = createStreamChatTransport({
    apiKey: KEYS.apiKey,
    apiSecret: KEYS.apiSecret,
    baseURL: upstreamUrl,
  });
  const bridge = createBridge({
    chat,
    sms: createTwilioSmsTransport({
      accountSid: KEYS.accountSid,
      authToken: KEYS.authToken,
      from: KEYS.number,
      apiBaseUrl: upstreamUrl,
    }),
    store,
    channel: CHANNEL,
    logger: {
      warn(message) {
        logged.warn += 1;
        logged.last = message;
      },
      error(message, details) {
        logged.error += 1;
        logged.last = `${message} ${JSON.stringify(details)}`;
      },
    },
    ...options,
  });
  return { bridge, store, chat };
}

/** Seeds the SMS member everyone texts from and mentions. */
export async function addMember(store, member = MEMBER) {
  await store.upsertMember({
    phone: member.phone,
    name: member.name,
    verified: true,
    newId: member.id,
  });
}
