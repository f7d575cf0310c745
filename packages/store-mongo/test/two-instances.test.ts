import { signTwilioRequest, startStreamEmulator, startTwilioEmulator } from '@smsbridge/testkit';
import { describe, expect, it } from 'vitest';
import { createMongoStore } from '../src/index.js';
import { CHANNEL, chatWebhook, KEYS, NUMBER, startInstance } from './support/bridge-instance.js';
import { mongoUri, uniqueDbName } from './support/mongo-server.js';

const uri = await mongoUri();
const PUBLIC = 'https://bridge.example.com/bridge';

describe.skipIf(!uri)('two bridge instances over one MongoDB', () => {
  it('posts once, texts once and creates one member when both get the same work at once', async () => {
    const dbName = uniqueDbName('twin');
    const stream = await startStreamEmulator({ apiKey: KEYS.apiKey, apiSecret: KEYS.apiSecret });
    const twilio = await startTwilioEmulator({
      accountSid: KEYS.accountSid,
      authToken: KEYS.authToken,
      phoneNumbers: [NUMBER],
    });
    const stores = [
      createMongoStore({ uri: uri as string, dbName }),
      createMongoStore({ uri: uri as string, dbName }),
    ];
    const instances = await Promise.all(
      stores.map((store) => startInstance(store, stream, twilio, PUBLIC, { verification: 'none' })),
    );
    const at = (i: number, path: string) => `${instances[i % 2]?.server.url}${path}`;

    // Concurrent sign-ups for one phone, spread over both instances: one member.
    const signUps = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(at(i, '/auth'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Twin', phone: '+14155553001' }),
        }),
      ),
    );
    expect(signUps.map((r) => r.status)).toEqual(Array(20).fill(200));
    const ids = new Set(
      await Promise.all(
        signUps.map(async (r) => ((await r.json()) as { user: { id: string } }).user.id),
      ),
    );
    expect(ids.size).toBe(1);
    const memberId = [...ids][0] as string;
    expect(
      (await stores[0]?.listMembers())?.filter((m) => m.phone === '+14155553001'),
    ).toHaveLength(1);

    // The same Twilio MessageSid delivered 50 times at once to both: posted once.
    const params = {
      MessageSid: `SM${'3'.repeat(32)}`,
      From: '+14155553001',
      To: NUMBER,
      Body: 'exactly once',
    };
    const signature = signTwilioRequest(KEYS.authToken, `${PUBLIC}/sms`, params);
    const inbound = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(at(i, '/sms'), {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': signature,
          },
          body: new URLSearchParams(params),
        }),
      ),
    );
    expect(inbound.map((r) => r.status)).toEqual(Array(50).fill(200));
    const posted = stream
      .getMessages(`${CHANNEL.type}:${CHANNEL.id}`)
      .filter((m) => m.text === 'exactly once');
    expect(posted).toHaveLength(1);

    // The same Stream X-Webhook-Id delivered 50 times at once to both: texted once.
    const { body: event, headers } = chatWebhook(
      { id: 'web-1', text: 'once, @Twin', memberId },
      'shared-webhook-1',
    );
    const chat = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(at(i, '/chat'), { method: 'POST', headers, body: event }),
      ),
    );
    expect(chat.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(
      twilio.messages.filter((m) => m.to === '+14155553001' && m.body.includes('once, @Twin')),
    ).toHaveLength(1);

    await Promise.all(instances.map((instance) => instance.server.close()));
    await Promise.all([...stores.map((store) => store.close?.()), stream.close(), twilio.close()]);
  });
});
