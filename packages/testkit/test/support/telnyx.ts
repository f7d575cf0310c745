import type { IncomingHttpHeaders } from 'node:http';
import type { TelnyxEmulator } from '../../src/telnyx/index.js';
import type { ReceivedRequest } from './receiver.js';

/** What a `POST /v2/messages` got back. */
export interface SendAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read Telnyx's JSON by path
  json: any;
}

/** Sends a text through the emulator's API over HTTP, as a Telnyx client would. */
export async function sendText(
  emulator: TelnyxEmulator,
  body: unknown,
  authorization: string | undefined,
): Promise<SendAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const response = await fetch(`${emulator.url}/v2/messages`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** The webhook body a receiver got, parsed. */
// biome-ignore lint/suspicious/noExplicitAny: tests read Telnyx's JSON by path
export function eventOf(request: ReceivedRequest | undefined): any {
  return JSON.parse(String(request?.rawBody ?? 'null'));
}

/** The two Telnyx signature headers of a received request. */
export function signatureOf(headers: IncomingHttpHeaders | undefined): {
  signature: string;
  timestamp: string;
} {
  return {
    signature: String(headers?.['telnyx-signature-ed25519'] ?? ''),
    timestamp: String(headers?.['telnyx-timestamp'] ?? ''),
  };
}

/**
 * Verifies a Telnyx webhook as a receiver would, with Web Crypto only: the Ed25519 signature
 * (base64) over the bytes of `${timestamp}|${body}`, against the base64 raw public key.
 */
export async function verifyTelnyxSignature(
  publicKey: string,
  signed: { signature: string; timestamp: string },
  body: string,
): Promise<boolean> {
  const key = await crypto.subtle.importKey(
    'raw',
    Buffer.from(publicKey, 'base64'),
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  return crypto.subtle.verify(
    'Ed25519',
    key,
    Buffer.from(signed.signature, 'base64'),
    new TextEncoder().encode(`${signed.timestamp}|${body}`),
  );
}
