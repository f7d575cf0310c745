import { signTwilioRequest, streamWebhookRequest } from '@smsbridge/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import {
  noClientIpWarning,
  type ReadmeEnvironment,
  startReadmeEnvironment,
  writeRecipe,
} from './support/readme.js';

type Handler = (request: Request) => Promise<Response>;

let environment: ReadmeEnvironment;
let route: { GET: Handler; POST: Handler };
const warn = vi.spyOn(console, 'warn');
const origin = 'https://chatty.example';

beforeAll(async () => {
  environment = await startReadmeEnvironment(`AC${'9'.repeat(32)}`);
  process.env.VERCEL = '1';
  const file = writeRecipe(
    'Next.js route handler',
    'next/app/bridge/[...path]',
    'route.ts',
    'next',
  );
  route = (await import(/* @vite-ignore */ file)) as typeof route;
});
afterAll(async () => {
  delete process.env.VERCEL;
  await Promise.all([environment.stream.close(), environment.twilio.close()]);
});

// Next.js hands the route handler the request with its full URL (under /bridge) and headers.
const call = (method: 'GET' | 'POST', path: string, init: RequestInit = {}) =>
  route[method](
    new Request(`${origin}/bridge${path}`, {
      method,
      ...init,
      headers: { 'x-real-ip': '203.0.113.9', ...(init.headers as Record<string, string>) },
    }),
  );

it('runs the README\u2019s Next.js route handler as written, called with Requests', async () => {
  const { stream, twilio } = environment;
  expect((await call('GET', '/health')).status).toBe(200);
  expect((await call('GET', '/sms')).status).toBe(405);
  const json = (body: unknown) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const auth = await call('POST', '/auth', json({ name: 'Reader', phone: '(415) 555-0903' }));
  expect(auth.status).toBe(202);
  const code = /\d{6}/.exec(twilio.messages.at(-1)?.body ?? '')?.[0];
  const verified = await call('POST', '/auth/verify', json({ phone: '+14155550903', code }));
  expect(verified.status).toBe(200);
  const { user } = (await verified.json()) as { user: { id: string } };
  // x-real-ip reached the bridge: with VERCEL set, the recipe passes it.
  expect(warn.mock.calls.flat().join('\n')).not.toMatch(noClientIpWarning);

  // Twilio's webhook, signed for the URL the handler sees.
  const params = {
    MessageSid: `SM${'3'.repeat(32)}`,
    From: '+14155550903',
    To: '+15005550006',
    Body: 'hello from Next',
  };
  const inbound = await call('POST', '/sms', {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest('readme-token', `${origin}/bridge/sms`, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  expect(inbound.status).toBe(200);
  expect(stream.getMessages('messaging:chatty-kathy').map((m) => m.text)).toContain(
    'hello from Next',
  );

  // Stream's webhook: a chat message mentioning the reader is texted to them before the answer.
  const { body, headers } = streamWebhookRequest(
    'readme-secret',
    {
      type: 'message.new',
      cid: 'messaging:chatty-kathy',
      channel_type: 'messaging',
      channel_id: 'chatty-kathy',
      message: {
        id: 'next-1',
        text: 'hi @Reader',
        user: { id: 'ann', name: 'Ann' },
        mentioned_users: [{ id: user.id }],
      },
    },
    'next-1',
  );
  const chat = await call('POST', '/chat', { headers, body });
  expect(chat.status).toBe(200);
  expect(twilio.messages.filter((m) => m.to === '+14155550903').map((m) => m.body)).toContain(
    'Chat from @Ann:\n\nhi @Reader',
  );
});
