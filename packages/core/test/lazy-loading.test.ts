import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../dist');

/**
 * Runs in a fresh Node process against the built package, because only a fresh process shows
 * what a Lambda cold start would load: verifying webhooks must not import `stream-chat` or the
 * whole `twilio` SDK (each ~100–200 ms); only Twilio's small webhooks module may load.
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
    twilioSdk: loaded().some((path) => /\\/node_modules\\/twilio\\/lib\\/index\\.js$/.test(path)),
    twilioWebhooks: loaded().some((path) => path.includes('/node_modules/twilio/lib/webhooks/webhooks')),
  }));
})();
`;

describe('lazy SDK loading (built package, fresh process)', () => {
  it('verifies webhooks without loading stream-chat or the twilio SDK', () => {
    expect(
      existsSync(`${dist}/stream/index.cjs`),
      'run "npm run build" first (npm test does)',
    ).toBe(true);
    const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      refused: [true, true],
      streamChat: false,
      twilioSdk: false,
      twilioWebhooks: true,
    });
  });
});
