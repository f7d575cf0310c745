import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const entry = resolve(import.meta.dirname, '../dist/index.cjs');

/**
 * A fresh Node process against the built package, because only a fresh process shows what
 * starting the emulator loads: the `twilio` SDK (~200 ms) must load only when `httpClient` is
 * first asked for, and that client must then really reach the emulator.
 */
const script = `
const sdkLoaded = () => Object.keys(require.cache).some((path) => /[\\\\/]node_modules[\\\\/]twilio[\\\\/]lib[\\\\/]index\\.js$/.test(path));
(async () => {
  const { startTwilioEmulator } = require(${JSON.stringify(entry)});
  const accountSid = 'AC' + '1'.repeat(32);
  const emulator = await startTwilioEmulator({ accountSid, authToken: 't' });
  const afterStart = sdkLoaded();
  const httpClient = emulator.httpClient;
  const afterClient = sdkLoaded();
  const client = require('twilio')(accountSid, 't', { httpClient });
  const message = await client.messages.create({ to: '+15551230000', from: '+15005550006', body: 'hi' });
  await emulator.close();
  console.log(JSON.stringify({ afterStart, afterClient, sid: /^SM[0-9a-f]{32}$/.test(message.sid) }));
})();
`;

describe('twilio SDK lazy loading (built package, fresh process)', () => {
  it('starts the emulator without loading twilio; httpClient loads it and works', () => {
    expect(existsSync(entry), 'run "npm run build" first (npm test does)').toBe(true);
    const output = execFileSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      cwd: resolve(import.meta.dirname, '..'),
    });
    expect(JSON.parse(output)).toEqual({ afterStart: false, afterClient: true, sid: true });
  });
});
