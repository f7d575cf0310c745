import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const README = resolve(import.meta.dirname, '../README.md');

/**
 * Writes the first ```ts block under the README heading `heading` to `targetDir/.generated/`,
 * so a test can import the example exactly as users read it.
 */
export function writeReadmeExample(heading: string, targetDir: string, fileName: string): string {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  if (!block?.[1]) throw new Error(`README section "${heading}" has no ts code block`);
  const file = join(targetDir, '.generated', fileName);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, block[1]);
  return file;
}

/**
 * Starts both emulators and points the README examples' environment variables at them, as a
 * reader running an example against `npm run emulators` would.
 */
export async function startReadmeEnvironment(accountSid: string) {
  const { startStreamEmulator, startTwilioEmulator } = await import('@smsbridge/testkit');
  const stream = await startStreamEmulator({ apiKey: 'readme-key', apiSecret: 'readme-secret' });
  const twilio = await startTwilioEmulator({
    accountSid,
    authToken: 'readme-token',
    phoneNumbers: ['+15005550006'],
  });
  Object.assign(process.env, {
    STREAM_API_KEY: 'readme-key',
    STREAM_API_SECRET: 'readme-secret',
    STREAM_BASE_URL: stream.url,
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: 'readme-token',
    TWILIO_NUMBER: '+15005550006',
    TWILIO_API_BASE_URL: twilio.url,
  });
  return { stream, twilio };
}
