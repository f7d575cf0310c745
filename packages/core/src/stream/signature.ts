import { BridgeError } from '../errors.js';
import { constantTimeEqual, hmac, toHex } from '../web/crypto.js';
import { gunzip, isGzip } from '../web/gunzip.js';

/** Decompressed webhook bodies larger than this are refused (a small gzip can expand hugely). */
const MAX_DECOMPRESSED_BYTES = 1024 * 1024;

/**
 * The payload Stream signed: the body itself, or its decompressed bytes when payload
 * compression is on (detected by the gzip magic bytes, as the SDK does, so it also works when
 * a proxy already decompressed it).
 */
export async function webhookPayload(rawBody: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(rawBody)) return rawBody;
  try {
    return await gunzip(rawBody, MAX_DECOMPRESSED_BYTES);
  } catch (error) {
    throw new BridgeError(
      'invalid_request',
      'The gzip-compressed webhook body could not be decompressed.',
      { cause: error },
    );
  }
}

/**
 * Checks Stream's `X-Signature`: lowercase hex HMAC-SHA256 of the payload keyed with the API
 * secret, compared in constant time. Computed with the runtime's crypto rather than the SDK's
 * `verifyWebhook`, which lives in the root of `stream-chat` (hundreds of milliseconds to import
 * on a cold start, and Node-only); a test proves the two agree on the same bytes.
 */
export async function isValidStreamSignature(
  payload: Uint8Array,
  signature: string | null,
  apiSecret: string,
): Promise<boolean> {
  if (!signature) return false;
  return constantTimeEqual(signature, toHex(await hmac('SHA-256', apiSecret, payload)));
}
