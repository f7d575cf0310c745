import { describe, expect, it } from 'vitest';
import { CLI_DEFAULTS, parseCliOptions } from '../src/cli-options.js';

describe('parseCliOptions', () => {
  it('applies the documented defaults with no flags and no environment', () => {
    const options = parseCliOptions([], {});
    expect(options).toMatchObject({
      streamPort: CLI_DEFAULTS.streamPort,
      twilioPort: CLI_DEFAULTS.twilioPort,
      apiKey: CLI_DEFAULTS.apiKey,
      accountSid: CLI_DEFAULTS.accountSid,
      phoneNumbers: [CLI_DEFAULTS.phoneNumber],
      smsWebhookUrl: undefined,
      json: false,
    });
    expect(CLI_DEFAULTS.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
  });

  it('prefers flags over the environment and the environment over defaults', () => {
    const env = { STREAM_EMULATOR_PORT: '5001', STREAM_API_KEY: 'env-key' };
    expect(parseCliOptions([], env)).toMatchObject({ streamPort: 5001, apiKey: 'env-key' });
    expect(parseCliOptions(['--stream-port', '0', '--api-key', 'flag-key'], env)).toMatchObject({
      streamPort: 0,
      apiKey: 'flag-key',
    });
  });

  it('collects repeated phone numbers and webhook URLs', () => {
    const options = parseCliOptions([
      '--phone-number',
      '+15005550006',
      '--phone-number',
      '+15005550007',
      '--sms-webhook-url',
      'http://127.0.0.1:3000/bridge/sms',
    ]);
    expect(options.phoneNumbers).toEqual(['+15005550006', '+15005550007']);
    expect(options.smsWebhookUrl).toBe('http://127.0.0.1:3000/bridge/sms');
  });

  it('rejects a port that is not a port and an unknown flag', () => {
    expect(() => parseCliOptions(['--twilio-port', 'abc'])).toThrow(/--twilio-port must be a port/);
    expect(() => parseCliOptions(['--twilio-port', '70000'])).toThrow(/0 to 65535/);
    expect(() => parseCliOptions(['--no-such-flag'])).toThrow(/no-such-flag/);
  });
});
