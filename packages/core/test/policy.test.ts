import { describe, expect, it, vi } from 'vitest';
import { BridgeError, errorResponse } from '../src/errors.js';
import { classifyKeyword } from '../src/policy/keywords.js';
import { normalizePhone } from '../src/policy/phone.js';
import { fillTemplate, truncateForSms } from '../src/policy/sms-text.js';

describe('classifyKeyword', () => {
  it.each([
    ['STOP', 'opt_out'],
    ['  stop  ', 'opt_out'],
    ['Stop\n', 'opt_out'],
    ['stopall', 'opt_out'],
    ['UNSUBSCRIBE', 'opt_out'],
    ['cancel', 'opt_out'],
    ['End', 'opt_out'],
    ['QUIT', 'opt_out'],
    ['revoke', 'opt_out'],
    ['OptOut', 'opt_out'],
    ['START', 'opt_in'],
    ['yes', 'opt_in'],
    ['unstop', 'opt_in'],
    ['HELP', 'help'],
    ['info', 'help'],
  ])('%j is %s', (body, action) => {
    expect(classifyKeyword(body)).toBe(action);
  });

  it.each([
    "don't stop",
    'restart',
    'christopher',
    'stop it',
    'STOP!',
    'yes please',
    'helpful',
    'the end',
    '',
  ])('%j is an ordinary message (whole body decides, never a substring)', (body) => {
    expect(classifyKeyword(body)).toBeUndefined();
  });
});

describe('normalizePhone', () => {
  it('normalises typed numbers to E.164 with a default country', async () => {
    expect(await normalizePhone('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(await normalizePhone('+44 7911 123456')).toBe('+447911123456');
    expect(await normalizePhone('+1 415 555 2671', 'GB')).toBe('+14155552671');
  });

  it('refuses invalid numbers with invalid_phone (400)', async () => {
    for (const input of ['123', 'call me', '+1555', '4155552671']) {
      const error = await normalizePhone(input).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BridgeError);
      expect(error).toMatchObject({ code: 'invalid_phone', status: 400 });
    }
  });
});

describe('SMS text', () => {
  it('fills templates and leaves unknown placeholders visible', () => {
    expect(fillTemplate('Chat from @{author}:\n\n{text}', { author: 'Alice', text: 'hi' })).toBe(
      'Chat from @Alice:\n\nhi',
    );
    expect(fillTemplate('Hi {nmae}', { name: 'x' })).toBe('Hi {nmae}');
  });

  it('cuts to the budget with an ellipsis, never splitting an emoji', () => {
    expect(truncateForSms('short', 320)).toBe('short');
    const cut = truncateForSms(`${'a'.repeat(400)}`, 320);
    expect(Array.from(cut)).toHaveLength(320);
    expect(cut.endsWith('…')).toBe(true);
    expect(truncateForSms('😀😀😀😀', 3)).toBe('😀😀…');
  });
});

describe('errorResponse', () => {
  it('maps a BridgeError to its status, JSON body and Retry-After', async () => {
    const response = errorResponse(
      new BridgeError('rate_limited', 'Slow down.', { retryAfterSeconds: 12.2 }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('13');
    expect(await response.json()).toEqual({
      error: { code: 'rate_limited', message: 'Slow down.' },
    });
  });

  it('hides anything unexpected behind a bare 500', async () => {
    const response = errorResponse(new TypeError('secret internals at /srv/app.js:12'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret');
  });
});

describe('error brands', () => {
  it('keep instanceof working across separately bundled copies of the error classes', async () => {
    const { BridgeError: Original, SmsSendError } = await import('../src/errors.js');
    // A second copy of the module, as each entry point's bundle carries its own.
    vi.resetModules();
    const copy = await import('../src/errors.js');
    expect(copy.BridgeError).not.toBe(Original);
    const fromCopy = new copy.BridgeError('invalid_signature', 'forged');
    expect(fromCopy instanceof Original).toBe(true);
    expect(new Original('not_found', 'x') instanceof copy.BridgeError).toBe(true);
    expect(new copy.SmsSendError('x', 21610, 400) instanceof SmsSendError).toBe(true);
    expect(new Error('plain') instanceof Original).toBe(false);
    expect(fromCopy instanceof SmsSendError).toBe(false);
  });
});
