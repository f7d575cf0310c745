import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStreamEmulator, startTwilioEmulator } from '@smsbridge/testkit';
import { afterAll, expect, it } from 'vitest';
import { writeReadmeExample } from '../../../scripts/readme-code.js';

it('runs the README\u2019s "Embed it in your Express app" example as written', async () => {
  const stream = await startStreamEmulator({ apiKey: 'readme-key', apiSecret: 'readme-secret' });
  const twilio = await startTwilioEmulator({
    accountSid: `AC${'5'.repeat(32)}`,
    authToken: 'readme-token',
    phoneNumbers: ['+15005550006'],
  });
  Object.assign(process.env, {
    STREAM_API_KEY: 'readme-key',
    STREAM_API_SECRET: 'readme-secret',
    STREAM_BASE_URL: stream.url,
    TWILIO_ACCOUNT_SID: `AC${'5'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'readme-token',
    TWILIO_NUMBER: '+15005550006',
    TWILIO_API_BASE_URL: twilio.url,
    PORT: '0',
  });
  const file = writeReadmeExample(
    'Embed it in your Express app',
    import.meta.dirname,
    'readme-express.ts',
  );
  const { server } = (await import(/* @vite-ignore */ file)) as { server: Server };
  await new Promise((resolve) =>
    server.listening ? resolve(null) : server.once('listening', resolve),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bridge`;
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await Promise.all([stream.close(), twilio.close()]);
  });

  expect((await fetch(`${base}/health`)).status).toBe(200);
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post('/auth', { name: 'Reader', phone: '(415) 555-0901' })).status).toBe(202);
  const code = /\d{6}/.exec(twilio.messages.at(-1)?.body ?? '')?.[0];
  const verified = await post('/auth/verify', { phone: '4155550901', code });
  expect(verified.status).toBe(200);

  twilio.setWebhookUrl(`${base}/sms`);
  const result = await twilio.sendSms({
    from: '+14155550901',
    to: '+15005550006',
    body: 'hello from the README',
  });
  expect(result.status).toBe(200);
  expect(stream.getMessages('messaging:chatty-kathy').map((m) => m.text)).toContain(
    'hello from the README',
  );
});
