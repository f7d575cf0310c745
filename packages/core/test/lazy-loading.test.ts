import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../dist');

/**
 * Runs in a fresh Node process against the built package, because only a fresh process shows
 * what a Lambda cold start would load: verifying webhooks loads neither `stream-chat` nor any of
 * `twilio` (each hundreds of milliseconds), nor libphonenumber's metadata (only `/auth` needs it).
 */
const script = `
const { createRequire } = require('node:module');
const loaded = () => Object.keys(require.cache);
(async () => {
  const { createStreamChatTransport } = require(${JSON.stringify(`${dist}/stream/index.cjs`)});
  const { createTwilioSmsTransport } = require(${JSON.stringify(`${dist}/twilio/index.cjs`)});
  const chat = createStreamChatTransport({ apiKey: 'k', apiSecret: 's' });
  const sms = createTwilioSmsTransport({ accountSid: 'AC' + '0'.repeat(32), authToken: 't', from: '+15005550006' });
  const headers = new Headers({ 'x-signature': 'forged', 'x-twilio-signature': 'forged', 'x-webhook-id': 'w' });
  const refused = await Promise.all([
    chat.parseWebhook(Buffer.from('{}'), headers).then(() => false, () => true),
    sms.parseInbound({ publicUrl: 'https://example.com/sms', rawBody: Buffer.from('Body=x'), headers }).then(() => false, () => true),
  ]);
  console.log(JSON.stringify({
    refused,
    streamChat: loaded().some((path) => path.includes('/node_modules/stream-chat/')),
    twilio: loaded().some((path) => path.includes('/node_modules/twilio/')),
    libphonenumber: loaded().some((path) => path.includes('/node_modules/libphonenumber-js/')),
  }));
})();
`;

describe('lazy SDK loading (built package, fresh process)', () => {
  it('verifies webhooks without loading stream-chat, twilio or libphonenumber-js', () => {
    expect(
      existsSync(`${dist}/stream/index.cjs`),
      'run "npm run build" first (npm test does)',
    ).toBe(true);
    const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      refused: [true, true],
      streamChat: false,
      twilio: false,
      libphonenumber: false,
    });
  });

  it('has nothing Node-only in the built core: no node: imports, no createRequire', () => {
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) =>
      /\.(c?js)$/.test(file),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = readFileSync(resolve(dist, file), 'utf8');
      expect(code, file).not.toMatch(
        /["']node:[a-z]+["']|createRequire|require\(["'](crypto|zlib|module)["']\)/,
      );
    }
  });
});
