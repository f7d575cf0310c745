import { afterEach, describe, expect, it } from 'vitest';
import { type BridgeHarness, startBridgeHarness } from './support/bridge-harness.js';

// An adopter's first mistakes: the wrong auth token, or a sender number the account does not
// own. Neither is about the number being texted, so neither may be answered as one ("could not
// be texted to this number", 502): the bridge answers 503 and logs what Twilio said.
describe('an SMS account that is misconfigured', () => {
  let h: BridgeHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const signUp = (harness: BridgeHarness) =>
    fetch(`${harness.server.url}/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada Lovelace', phone: '+14155550123' }),
    });

  it.each([
    ['a wrong auth token', { authToken: 'not-the-token' }, /Authenticate/],
    ['a sender the account does not own', { from: '+15005550199' }, /not a valid.*phone number/i],
  ])('answers /auth 503 and logs the reason for %s', async (_case, change, logged) => {
    h = await startBridgeHarness({}, { twilioCredentials: change });
    const response = await signUp(h);
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe('upstream_unavailable');
    expect(h.logs.join('\n')).toMatch(logged);
    expect(h.logs.join('\n')).not.toContain('4155550123');
  });
});
