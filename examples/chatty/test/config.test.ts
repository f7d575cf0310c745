import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';

const live = {
  STREAM_API_KEY: 'k',
  STREAM_API_SECRET: 's',
  TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 't',
  TWILIO_NUMBER: '+15005550006',
};

describe('loadConfig', () => {
  it('is local mode with no credentials, with defaults', () => {
    expect(loadConfig({})).toMatchObject({
      mode: 'local',
      PORT: 3000,
      HOST: '127.0.0.1',
      CHANNEL_ID: 'chatty',
      STREAM_EMULATOR_PORT: 4010,
      TWILIO_EMULATOR_PORT: 4020,
    });
  });

  it('reads the emulator ports, 0 meaning any free port', () => {
    expect(loadConfig({ STREAM_EMULATOR_PORT: '5010', TWILIO_EMULATOR_PORT: '0' })).toMatchObject({
      STREAM_EMULATOR_PORT: 5010,
      TWILIO_EMULATOR_PORT: 0,
    });
    expect(() => loadConfig({ TWILIO_EMULATOR_PORT: '70000' })).toThrow(
      /\[chatty\] Invalid TWILIO_EMULATOR_PORT/,
    );
    expect(() => loadConfig({ STREAM_EMULATOR_PORT: 'x' })).toThrow(
      /\[chatty\] Invalid STREAM_EMULATOR_PORT/,
    );
  });

  it('is live mode with every credential', () => {
    expect(loadConfig({ ...live, PORT: '8080' })).toMatchObject({ mode: 'live', PORT: 8080 });
  });

  it('names what is missing when only some credentials are set', () => {
    expect(() => loadConfig({ STREAM_API_KEY: 'k', TWILIO_NUMBER: '+15005550006' })).toThrow(
      '[chatty] Live mode needs STREAM_API_SECRET, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN too (or unset them all for local mode).',
    );
  });

  it('refuses malformed values, naming them', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/\[chatty\] Invalid PORT/);
    expect(() => loadConfig({ ...live, TWILIO_NUMBER: '555-0100' })).toThrow(
      /Invalid TWILIO_NUMBER: must be E.164/,
    );
    expect(() => loadConfig({ PUBLIC_URL: 'not a url' })).toThrow(/Invalid PUBLIC_URL/);
  });
});
