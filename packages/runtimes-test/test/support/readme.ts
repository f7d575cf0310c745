import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startReadmeEnvironment, writeReadmeExample } from '../../../../scripts/readme-code.js';
import { expectSlowClientsClosed } from '../../../testkit/test/support/stalling-client.js';

export { startReadmeEnvironment };
export type ReadmeEnvironment = Awaited<ReturnType<typeof startReadmeEnvironment>>;

const testDir = new URL('..', import.meta.url).pathname;

/**
 * Writes a recipe of the README's "Other runtimes" section, and the `bridge.ts` they share, to
 * `test/.generated/<dir>/` exactly as written there; returns the recipe's path.
 */
export function writeRecipe(heading: string, dir: string, fileName: string, bridgeDir = dir) {
  writeReadmeExample('Other runtimes', testDir, `${bridgeDir}/bridge.ts`);
  return writeReadmeExample(heading, testDir, `${dir}/${fileName}`);
}

/** Whether the bridge warned that no client IP reached it (its logger is `console`). */
export const noClientIpWarning = /no client IP/;

const reader = { phone: '+14155550901', typed: '(415) 555-0901' };

/**
 * What a reader does with a recipe served at `base`: signs up with a texted code, texts the
 * channel (Twilio's webhook), and gets texted when someone in the chat mentions them (Stream's
 * webhook; where the runtime has `waitUntil`, after the bridge has answered).
 */
export async function expectRecipeWorks(base: string, { stream, twilio }: ReadmeEnvironment) {
  expect((await fetch(`${base}/health`)).status).toBe(200);
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post('/auth', { name: 'Reader', phone: reader.typed })).status).toBe(202);
  const code = /\d{6}/.exec(twilio.messages.at(-1)?.body ?? '')?.[0];
  const verified = await post('/auth/verify', { phone: reader.phone, code });
  expect(verified.status).toBe(200);
  const { user } = (await verified.json()) as { user: { id: string } };

  twilio.setWebhookUrl(`${base}/sms`);
  const inbound = await twilio.sendSms({
    from: reader.phone,
    to: '+15005550006',
    body: 'hello from the README',
  });
  expect(inbound.status).toBe(200);
  expect(stream.getMessages('messaging:chatty-kathy').map((m) => m.text)).toContain(
    'hello from the README',
  );

  stream.setWebhookUrl(`${base}/chat`);
  const chat = new StreamChat('readme-key', 'readme-secret', { baseURL: stream.url });
  await chat.upsertUsers([{ id: 'ann', name: 'Ann' }]);
  const channel = chat.channel('messaging', 'chatty-kathy');
  await channel.addMembers(['ann']);
  await channel.sendMessage({ text: 'hi @Reader', user_id: 'ann', mentioned_users: [user.id] });
  await stream.webhooksIdle();
  await vi.waitFor(() =>
    expect(twilio.messages.filter((m) => m.to === reader.phone).map((m) => m.body)).toContain(
      'Chat from @Ann:\n\nhi @Reader',
    ),
  );
}

/** A Node recipe's module, started: the port it listens on and how to stop it. */
export interface StartedRecipe {
  port: number;
  close(): Promise<void>;
}

/**
 * The tests of a recipe that runs in Node (imported here, on `PORT=0`): it works as a reader
 * uses it, passes the client IP (the bridge, logging to `console`, never warns it had none), and
 * has the Express example's timeouts for slow clients.
 */
export function testNodeRecipe(
  heading: string,
  dir: string,
  started: (module: Record<string, unknown>) => Promise<StartedRecipe>,
) {
  let environment: ReadmeEnvironment;
  let recipe: StartedRecipe;
  const warn = vi.spyOn(console, 'warn');
  beforeAll(async () => {
    environment = await startReadmeEnvironment(`AC${'7'.repeat(32)}`);
    process.env.PORT = '0';
    const file = writeRecipe(heading, dir, 'server.ts');
    recipe = await started(await import(/* @vite-ignore */ file));
  });
  afterAll(async () => {
    await recipe?.close();
    await Promise.all([environment?.stream.close(), environment?.twilio.close()]);
  });

  it(`runs the README\u2019s ${heading} recipe as written, passing the client IP`, async () => {
    await expectRecipeWorks(`http://127.0.0.1:${recipe.port}/bridge`, environment);
    expect(warn.mock.calls.flat().join('\n')).not.toMatch(noClientIpWarning);
  });

  it('closes connections that send their headers or body too slowly', async () => {
    await expectSlowClientsClosed(recipe.port);
  });
}
