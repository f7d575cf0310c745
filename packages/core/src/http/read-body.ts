import { BridgeError } from '../errors.js';
import { readAtMost } from '../web/read-at-most.js';

/** Webhook and API bodies larger than this are refused with 413 (64 KiB). */
export const MAX_BODY_BYTES = 65_536;

/**
 * Reads the whole body as bytes, stopping at `limit`: a declared Content-Length over it is
 * refused before reading, and a body that grows past it while streaming is cut off, so a huge
 * upload never sits in memory.
 */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const body = await readAtMost(request.body, limit);
  if (!body) throw tooLarge(limit);
  return body;
}

function tooLarge(limit: number): BridgeError {
  return new BridgeError('payload_too_large', `The request body is larger than ${limit} bytes.`);
}
