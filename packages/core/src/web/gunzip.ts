import { readAtMost } from './read-at-most.js';

/**
 * Decompresses a gzip body with the web-standard `DecompressionStream`, refusing output larger
 * than `maxBytes` (a few kilobytes of gzip can expand to gigabytes).
 */
export async function gunzip(body: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new Blob([body as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const output = await readAtMost(stream, maxBytes);
  if (!output) throw new Error(`decompressed body is larger than ${maxBytes} bytes`);
  return output;
}

/** Whether bytes start with gzip's magic number. */
export function isGzip(body: Uint8Array): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}
