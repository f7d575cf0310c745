import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmac, toHex, webCryptoHmac } from '../src/web/crypto.js';

// RFC 2202 (HMAC-SHA-1) and RFC 4231 (HMAC-SHA-256), test case 2; and a key longer than the
// hash's block size with non-ASCII data, where the two implementations must agree.
const VECTORS = [
  {
    hash: 'SHA-1',
    key: 'Jefe',
    data: 'what do ya want for nothing?',
    hex: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
  },
  {
    hash: 'SHA-256',
    key: 'Jefe',
    data: 'what do ya want for nothing?',
    hex: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
] as const;

describe('hmac', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it.each(VECTORS)(
    '$hash matches the RFC vector on both paths',
    async ({ hash, key, data, hex }) => {
      expect(toHex(await hmac(hash, key, data))).toBe(hex);
      expect(toHex(await webCryptoHmac(hash, key, data))).toBe(hex);
    },
  );

  it('agrees across paths for long keys, bytes and UTF-8, and with a key reused', async () => {
    const key = `k${'é'.repeat(100)}`;
    for (const hash of ['SHA-1', 'SHA-256'] as const) {
      for (const data of ['🙂 héllo', new Uint8Array([0, 1, 2, 255])]) {
        const expected = toHex(await webCryptoHmac(hash, key, data));
        expect(toHex(await hmac(hash, key, data))).toBe(expected);
        expect(toHex(await webCryptoHmac(hash, key, data))).toBe(expected);
      }
    }
  });

  it('takes Web Crypto where the runtime offers no getBuiltinModule (Workers)', async () => {
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
    const subtleSign = vi.spyOn(crypto.subtle, 'sign');
    const fresh = await import('../src/web/crypto.js');
    expect(toHex(await fresh.hmac('SHA-1', 'Jefe', 'what do ya want for nothing?'))).toBe(
      VECTORS[0].hex,
    );
    expect(subtleSign).toHaveBeenCalledTimes(1);
    subtleSign.mockRestore();
  });

  it("uses Node's own crypto where getBuiltinModule offers it (no thread-pool job)", async () => {
    const subtleSign = vi.spyOn(crypto.subtle, 'sign');
    const fresh = await import('../src/web/crypto.js');
    await fresh.hmac('SHA-256', 'Jefe', 'what do ya want for nothing?');
    expect(subtleSign).not.toHaveBeenCalled();
    subtleSign.mockRestore();
  });
});
