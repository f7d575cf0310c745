import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadmeEnvironment, writeReadmeExample } from '../../../scripts/readme-code.js';
import { expectSlowClientsClosed } from '../../testkit/test/support/stalling-client.js';

describe('the README\u2019s "Embed it in your Express app" example, as written', () => {
  let server: Server;
  let environment: Awaited<ReturnType<typeof startReadmeEnvironment>>;
  let port: number;
  beforeAll(async () => {
    environment = await startReadmeEnvironment(`AC${'5'.repeat(32)}`);
    process.env.PORT = '0';
    const file = writeReadmeExample(
      'Embed it in your Express app',
      import.meta.dirname,
      'readme-express.ts',
    );
    ({ server } = (await import(/* @vite-ignore */ file)) as { server: Server });
    await new Promise((resolve) =>
      server.listening ? resolve(null) : server.once('listening', resolve),
    );
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await Promise.all([environment.stream.close(), environment.twilio.close()]);
  });

  it('signs a reader up and posts their text', async () => {
    const { stream, twilio } = environment;
    const base = `http://127.0.0.1:${port}/bridge`;
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

  it('closes connections that send their headers or body too slowly (item 16)', async () => {
    await expectSlowClientsClosed(port);
  });
});
