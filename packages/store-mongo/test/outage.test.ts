import { startStreamEmulator, startTwilioEmulator } from '@smsbridge/testkit';
import { MongoClient } from 'mongodb';
import { StreamChat } from 'stream-chat';
import { describe, expect, it } from 'vitest';
import { createMongoStore } from '../src/index.js';
import { CHANNEL, chatWebhook, KEYS, NUMBER, startInstance } from './support/bridge-instance.js';
import { startOwnFerretDb } from './support/mongo-server.js';

const ferret = await startOwnFerretDb();

describe.skipIf(!ferret)('the database goes down under a running bridge', () => {
  it('answers 503 with nothing half-written, and recovers by itself when it is back', async () => {
    const db = ferret as NonNullable<typeof ferret>;
    const stream = await startStreamEmulator({ apiKey: KEYS.apiKey, apiSecret: KEYS.apiSecret });
    const twilio = await startTwilioEmulator({
      accountSid: KEYS.accountSid,
      authToken: KEYS.authToken,
      phoneNumbers: [NUMBER],
    });
    // A short server-selection timeout, as a Lambda would want: fail fast, let the provider retry.
    const client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 1_000 });
    const store = createMongoStore({ client, dbName: 'outage' });
    const instance = await startInstance(store, stream, twilio, undefined, {
      verification: 'none',
    });
    const base = instance.server.url;
    twilio.setWebhookUrl(`${base}/sms`);

    const signUp = await fetch(`${base}/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Dee', phone: '+14155554001' }),
    });
    expect(signUp.status).toBe(200);
    const memberId = ((await signUp.json()) as { user: { id: string } }).user.id;
    const posts = () => stream.getMessages(`${CHANNEL.type}:${CHANNEL.id}`).map((m) => m.text);

    await db.stop();

    const during = await twilio.sendSms({
      from: '+14155554001',
      to: NUMBER,
      body: 'while the db is down',
    });
    expect(during.status).toBe(503);
    expect(posts()).not.toContain('while the db is down');

    const { body: event, headers: chatHeaders } = chatWebhook(
      { id: 'w-1', text: 'ping @Dee', memberId },
      'outage-1',
    );
    const chatDuring = await fetch(`${base}/chat`, {
      method: 'POST',
      headers: chatHeaders,
      body: event,
    });
    expect(chatDuring.status).toBe(503);
    expect(((await chatDuring.json()) as { error: { code: string } }).error.code).toBe(
      'upstream_unavailable',
    );
    const signUpDuring = await fetch(`${base}/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Eve', phone: '+14155554002' }),
    });
    expect(signUpDuring.status).toBe(503);
    const streamServer = new StreamChat(KEYS.apiKey, KEYS.apiSecret, { baseURL: stream.url });
    expect((await streamServer.queryUsers({ name: { $eq: 'Eve' } })).users).toEqual([]);
    expect((await streamServer.queryUsers({ name: { $eq: 'Dee' } })).users).toHaveLength(1);
    expect(twilio.messages.filter((m) => m.to === '+14155554001')).toHaveLength(0);

    await db.start();

    // The same bridge, not restarted: the next webhooks succeed, and Stream's retry texts once.
    const after = await twilio.sendSms({
      from: '+14155554001',
      to: NUMBER,
      body: 'the db is back',
    });
    expect(after.status).toBe(200);
    expect(posts()).toContain('the db is back');
    const chatRetry = await fetch(`${base}/chat`, {
      method: 'POST',
      headers: chatHeaders,
      body: event,
    });
    expect(chatRetry.status).toBe(200);
    expect(
      twilio.messages.filter((m) => m.to === '+14155554001' && m.body.includes('ping @Dee')),
    ).toHaveLength(1);
    expect(await store.getMemberById(memberId)).toMatchObject({ name: 'Dee' });

    await instance.server.close();
    await store.close?.();
    await client.close();
    await Promise.all([stream.close(), twilio.close(), db.stop()]);
  });
});
