import type { IncomingMessage } from 'node:http';

/** Reads the whole request body as bytes, refusing bodies over `limitBytes` (default 5 MiB). */
export async function readRawBody(
  req: IncomingMessage,
  limitBytes = 5 * 1024 * 1024,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Thrown by {@link readRawBody} when a body exceeds its limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Parses a JSON body; an empty body is `{}` (the Stream SDK posts `{}` or nothing for some calls). */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8').trim();
  return text === '' ? {} : JSON.parse(text);
}

/**
 * Parses an `application/x-www-form-urlencoded` body keeping repeated keys (Twilio sends
 * `MediaUrl` once per attachment), so values are arrays.
 */
export function parseFormBody(raw: Buffer): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
    const values = params.get(key);
    if (values) values.push(value);
    else params.set(key, [value]);
  }
  return params;
}
