import { afterAll, expect, it } from 'vitest';
import {
  bundleAsDeployed,
  type RunningLambda,
  startLambda,
} from '../../../scripts/lambda-bundle.js';
import { driveDeployedBridge } from '../../../scripts/lambda-bundle-flow.js';
import { startReadmeEnvironment, writeReadmeExample } from '../../../scripts/readme-code.js';

const ACCOUNT = `AC${'6'.repeat(32)}`;
const PUBLIC_URL = 'https://bridge.example.com';
let lambda: RunningLambda | undefined;
let stop: (() => Promise<unknown>) | undefined;
afterAll(async () => {
  await lambda?.close();
  await stop?.();
});

it('runs the README\u2019s Lambda example as a CommonJS bundle from an empty directory', async () => {
  const { stream, twilio } = await startReadmeEnvironment(ACCOUNT);
  stop = () => Promise.all([stream.close(), twilio.close()]);
  // Its own file name: the unbundled README test writes readme-lambda.ts at the same time.
  const entry = writeReadmeExample(
    'Or run it on AWS Lambda',
    import.meta.dirname,
    'readme-lambda-bundle.ts',
  );
  const bundle = await bundleAsDeployed({
    entryPoints: [entry],
    format: 'cjs',
    target: 'node20',
    minify: true,
  });
  expect(bundle.file).toBe('readme-lambda-bundle.js');
  // The environment the README's code reads, exactly as a Lambda gets it: nothing else.
  const readmeEnv = [
    'STREAM_API_KEY',
    'STREAM_API_SECRET',
    'STREAM_BASE_URL',
    'TWILIO_ACCOUNT_SID',
    'TWILIO_AUTH_TOKEN',
    'TWILIO_NUMBER',
    'TWILIO_API_BASE_URL',
  ];
  lambda = await startLambda(bundle, {
    ...Object.fromEntries(readmeEnv.map((name) => [name, process.env[name] ?? ''])),
    PUBLIC_URL,
  });
  const seen = await driveDeployedBridge({
    lambda,
    stream,
    twilio,
    publicUrl: PUBLIC_URL,
    pathPrefix: '',
    channel: { type: 'messaging', id: 'chatty-kathy' },
    apiSecret: process.env.STREAM_API_SECRET ?? '',
    authToken: process.env.TWILIO_AUTH_TOKEN ?? '',
    bridgeNumber: process.env.TWILIO_NUMBER ?? '',
  });
  expect(seen.health).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
  expect(seen.signUpReply.body).toContain(
    '<Message>This number is not signed up for Chatty Kathy.',
  );
  expect(seen.auth.statusCode).toBe(202);
  expect(seen.codeText).toMatch(/^Your Chatty Kathy code is \d{6}/);
  expect(seen.verify.statusCode).toBe(200);
  expect(seen.chat.statusCode).toBe(200);
  expect(seen.texts.at(-1)).toBe('Chat from @Alice:\n\nDinner at 6, @Bundle Ada?');
});
