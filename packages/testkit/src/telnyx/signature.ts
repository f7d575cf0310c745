/** The two headers Telnyx signs a webhook with. */
export type TelnyxSignatureHeaders = Record<
  'telnyx-signature-ed25519' | 'telnyx-timestamp',
  string
>;

/** Signs webhooks as one Telnyx account does: its own Ed25519 key pair. */
export interface TelnyxSigner {
  /** Base64 of the raw 32-byte public key (the account's "Public Key" setting). */
  readonly publicKey: string;
  /** The headers for `rawBody` sent at `timestamp` (Unix seconds, default now). */
  sign(rawBody: string, timestamp?: number): Promise<TelnyxSignatureHeaders>;
}

/**
 * A fresh Ed25519 key pair (Web Crypto) and Telnyx's signing scheme: the signature covers the
 * UTF-8 bytes of `${timestamp}|${rawBody}` and travels base64-encoded in
 * `telnyx-signature-ed25519`, next to `telnyx-timestamp`.
 */
export async function createTelnyxSigner(): Promise<TelnyxSigner> {
  const keys = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const rawPublicKey = await crypto.subtle.exportKey('raw', keys.publicKey);
  const encoder = new TextEncoder();
  return {
    publicKey: Buffer.from(rawPublicKey).toString('base64'),
    async sign(rawBody, timestamp = Math.floor(Date.now() / 1000)) {
      const signed = encoder.encode(`${timestamp}|${rawBody}`);
      const signature = await crypto.subtle.sign('Ed25519', keys.privateKey, signed);
      return {
        'telnyx-signature-ed25519': Buffer.from(signature).toString('base64'),
        'telnyx-timestamp': String(timestamp),
      };
    },
  };
}
