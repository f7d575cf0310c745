/**
 * Crypto helpers for every runtime: HMACs with Node's crypto where the runtime offers it, else
 * Web Crypto, so nothing in the core imports `node:crypto` (which a Worker without
 * `nodejs_compat` does not have).
 */
import { nodeBuiltin } from './node-builtin.js';

const encoder = new TextEncoder();

/** Bytes of a string (UTF-8) or the bytes themselves. */
export function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

/** The part of `node:crypto` the HMAC needs. */
interface NodeHmacModule {
  createHmac(
    algorithm: string,
    key: Uint8Array,
  ): { update(data: Uint8Array): { digest(): Uint8Array } };
}

let nodeHmacModule: NodeHmacModule | null | undefined;

/**
 * Node's own crypto where the runtime offers it (see {@link nodeBuiltin}): a synchronous HMAC
 * there costs about 5 µs, while Web Crypto's `sign` is a job on libuv's thread pool that costs
 * about 90 µs of the main thread per webhook under load.
 */
function nodeHmac(): NodeHmacModule | null {
  if (nodeHmacModule === undefined) {
    nodeHmacModule = nodeBuiltin<NodeHmacModule>('crypto', 'createHmac');
  }
  return nodeHmacModule;
}

/**
 * Imported Web Crypto HMAC keys by hash and secret. Importing costs more than signing, and a
 * bridge signs with the same one or two secrets all its life (under load in Node, importing per
 * call doubled the CPU of an inbound text). Bounded, in case an app makes transports for many
 * accounts.
 */
const importedKeys = new Map<string, Promise<CryptoKey>>();
const MAX_IMPORTED_KEYS = 64;

function webCryptoKey(hash: 'SHA-1' | 'SHA-256', key: string): Promise<CryptoKey> {
  const id = `${hash}:${key}`;
  let cryptoKey = importedKeys.get(id);
  if (!cryptoKey) {
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
    cryptoKey = crypto.subtle.importKey(
      'raw',
      bytesOf(key) as BufferSource,
      { name: 'HMAC', hash },
      false,
      ['sign'],
    );
    // A failed import is not kept: the next call tries again.
    cryptoKey.catch(() => importedKeys.delete(id));
    importedKeys.set(id, cryptoKey);
  }
  return cryptoKey;
}

/** HMAC with Web Crypto only: what runs where Node's crypto is not offered. */
export async function webCryptoHmac(
  hash: 'SHA-1' | 'SHA-256',
  key: string,
  data: string | Uint8Array,
): Promise<Uint8Array> {
  const cryptoKey = await webCryptoKey(hash, key);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, bytesOf(data) as BufferSource));
}

/** HMAC of `data` keyed with `key`, with SHA-1 (Twilio) or SHA-256 (Stream, JWTs). */
export async function hmac(
  hash: 'SHA-1' | 'SHA-256',
  key: string,
  data: string | Uint8Array,
): Promise<Uint8Array> {
  const node = nodeHmac();
  if (!node) return webCryptoHmac(hash, key, data);
  return node
    .createHmac(hash === 'SHA-1' ? 'sha1' : 'sha256', bytesOf(key))
    .update(bytesOf(data))
    .digest();
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Standard base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The bytes of a standard base64 string. */
export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** Base64url without padding (JWT segments). */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Compares two strings in time that depends only on their lengths, so a signature or a code
 * cannot be guessed one character at a time from how long a refusal takes.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = bytesOf(a);
  const right = bytesOf(b);
  let difference = left.length ^ right.length;
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

/** A uniformly random string of `count` decimal digits (rejection sampling, no modulo bias). */
export function randomDigits(count: number): string {
  let digits = '';
  const buffer = new Uint8Array(count * 2);
  while (digits.length < count) {
    crypto.getRandomValues(buffer);
    for (const byte of buffer) {
      // 250 = 25 × 10: bytes 250–255 would favour 0–5.
      if (byte < 250 && digits.length < count) digits += String(byte % 10);
    }
  }
  return digits;
}
