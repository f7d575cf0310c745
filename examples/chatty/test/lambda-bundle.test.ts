import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStreamEmulator, startTwilioEmulator } from '@smsbridge/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  bundleAsDeployed,
  type RunningLambda,
  startLambda,
} from '../../../scripts/lambda-bundle.js';
import { driveDeployedBridge } from '../../../scripts/lambda-bundle-flow.js';

const chatty = join(import.meta.dirname, '..');

/** The function and its esbuild settings, read from template.yaml (CloudFormation tags kept as text). */
function templateFunction() {
  const document = parseDocument(readFileSync(join(chatty, 'template.yaml'), 'utf8'), {
    customTags: ['!Ref', '!Sub'].map((tag) => ({ tag, resolve: (value: string) => value })),
  });
  const fn = document.toJS().Resources.BridgeFunction;
  const props = fn.Metadata.BuildProperties as Record<string, unknown>;
  const pairs = (list: unknown) =>
    Object.fromEntries(
      ((list as string[] | undefined) ?? []).map((entry) => {
        const at = entry.indexOf('=');
        return [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  return {
    handler: fn.Properties.Handler as string,
    runtime: fn.Properties.Runtime as string,
    environment: Object.keys(fn.Properties.Environment.Variables as object),
    build: {
      entryPoints: (props.EntryPoints as string[]).map((entry) => join(chatty, entry)),
      format: props.Format as 'esm' | 'cjs',
      target: props.Target as string,
      outExtension: pairs(props.OutExtension),
      banner: pairs(props.Banner),
      minify: (props.Minify as boolean | undefined) ?? true,
      sourcemap: (props.Sourcemap as boolean | undefined) ?? false,
      external: (props.External as string[] | undefined) ?? [],
    },
  };
}

const KEYS = { apiKey: 'bundle-key', apiSecret: 'bundle-secret', token: 'bundle-token' };
const SID = `AC${'9'.repeat(32)}`;
const NUMBER = '+15005550006';
const PUBLIC_URL = 'https://chatty.example.com';

describe("Chatty's Lambda, bundled exactly as template.yaml says, run from an empty directory", () => {
  let lambda: RunningLambda | undefined;
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    await lambda?.close();
    await Promise.all(stops.map((stop) => stop()));
  });

  it('answers health, a signed text, a sign-up by code and a chat mention, with no node_modules', async () => {
    const fn = templateFunction();
    expect(fn.runtime).toBe(`nodejs${process.versions.node.split('.')[0]}.x`);
    const bundle = await bundleAsDeployed(fn.build);
    // The Lambda handler names the file and its export: `lambda.handler` → lambda.mjs, handler.
    const [file, exportName] = fn.handler.split('.');
    expect(bundle.file).toBe(`${file}${fn.build.outExtension['.js'] ?? '.js'}`);
    // The emulators and what only they use never reach the deployed bundle.
    const leaked = bundle.inputs.filter((input) =>
      /packages\/testkit|node_modules\/(ws|fast-xml-parser|jsonwebtoken|stream-chat|twilio)\//.test(
        input,
      ),
    );
    expect(leaked).toEqual([]);

    const stream = await startStreamEmulator({ apiKey: KEYS.apiKey, apiSecret: KEYS.apiSecret });
    const twilio = await startTwilioEmulator({
      accountSid: SID,
      authToken: KEYS.token,
      phoneNumbers: [NUMBER],
    });
    stops.push(
      () => stream.close(),
      () => twilio.close(),
    );
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      PUBLIC_URL,
      STREAM_API_KEY: KEYS.apiKey,
      STREAM_API_SECRET: KEYS.apiSecret,
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: KEYS.token,
      TWILIO_NUMBER: NUMBER,
      // How live mode is pointed at the emulators instead of Stream and Twilio themselves.
      STREAM_BASE_URL: stream.url,
      TWILIO_API_BASE_URL: twilio.url,
      // The template deploys with MongoDB: so does this test whenever a server is at hand (CI).
      ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
    };
    for (const name of fn.environment) {
      if (name !== 'MONGODB_URI' || process.env.MONGODB_URI) expect(env, name).toHaveProperty(name);
    }
    lambda = await startLambda(bundle, env, exportName);
    const seen = await driveDeployedBridge({
      lambda,
      stream,
      twilio,
      publicUrl: `${PUBLIC_URL}/bridge`,
      pathPrefix: '/bridge',
      channel: { type: 'messaging', id: 'chatty' },
      apiSecret: KEYS.apiSecret,
      authToken: KEYS.token,
      bridgeNumber: NUMBER,
    });
    expect(seen.health).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
    expect(seen.signUpReply.statusCode).toBe(200);
    expect(seen.signUpReply.body).toContain('<Message>This number is not signed up for Chatty.');
    expect(seen.auth.statusCode).toBe(202);
    expect(seen.codeText).toMatch(/^Your Chatty code is \d{6}/);
    expect(seen.verify.statusCode).toBe(200);
    expect(seen.chat.statusCode).toBe(200);
    expect(seen.texts.at(-1)).toBe('Chat from @Alice:\n\nDinner at 6, @Bundle Ada?');
    expect(lambda.stderr()).not.toMatch(/Error/);
  });
});
