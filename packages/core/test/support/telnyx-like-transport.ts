import {
  BridgeError,
  type DeliveryStatus,
  type InboundSms,
  SmsSendError,
  type SmsStatusUpdate,
  type SmsTransport,
  type SmsWebhookRequest,
  sendFailureWithoutAnswer,
} from '../../src/index.js';

/** Options of {@link createTelnyxLikeTransport}. */
export interface TelnyxLikeOptions {
  /** The API key sends carry as `Authorization: Bearer`. */
  apiKey: string;
  /** The account's Ed25519 public key (base64 of the raw 32 bytes): verifies webhooks. */
  publicKey: string;
  /** The number texts go from. */
  from: string;
  /** The API's base URL (the emulator's). */
  apiBaseUrl: string;
  /** Webhooks older (or newer) than this are refused as replays. Default 300 s. */
  toleranceSeconds?: number;
}

/** Telnyx's STOP block: the recipient opted out of texts from this number. */
const BLOCKED_BY_STOP = '40300';

/** Telnyx's message statuses in the bridge's words. */
const STATUS: Record<string, DeliveryStatus> = {
  queued: 'queued',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  sending_failed: 'failed',
  delivery_failed: 'failed',
  delivery_unconfirmed: 'failed',
};

interface TelnyxEvent {
  data?: {
    event_type?: unknown;
    payload?: {
      id?: unknown;
      text?: unknown;
      from?: { phone_number?: unknown };
      to?: { phone_number?: unknown; status?: unknown }[];
      errors?: { code?: unknown }[];
    };
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
const forbidden = (why: string) =>
  new BridgeError('forbidden_signature', `The Telnyx signature does not hold: ${why}.`);

/**
 * A second SMS transport, shaped like Telnyx's Messaging API v2, that proves the bridge is not
 * tied to Twilio: JSON webhooks signed with Ed25519 over `${timestamp}|${body}`, statuses and
 * error codes of its own, and no replies in the webhook's answer (the bridge texts them).
 * Written against the public API only, as anyone writing a transport would.
 */
export function createTelnyxLikeTransport(options: TelnyxLikeOptions): SmsTransport {
  const tolerance = options.toleranceSeconds ?? 300;
  const base = options.apiBaseUrl.replace(/\/$/, '');
  let key: Promise<CryptoKey> | undefined;

  async function verified(request: SmsWebhookRequest): Promise<TelnyxEvent> {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim();
    if (type !== 'application/json') {
      throw new BridgeError(
        'unsupported_media_type',
        `Telnyx posts application/json, not ${type}.`,
      );
    }
    const signature = request.headers.get('telnyx-signature-ed25519');
    const timestamp = request.headers.get('telnyx-timestamp');
    if (!signature || !timestamp || !/^\d+$/.test(timestamp)) throw forbidden('headers missing');
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > tolerance) throw forbidden('stale');
    key ??= crypto.subtle.importKey(
      'raw',
      fromBase64(options.publicKey),
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    const signed = new Uint8Array([...bytes(`${timestamp}|`), ...request.rawBody]);
    const valid = await crypto.subtle
      .verify('Ed25519', await key, fromBase64(signature), signed)
      .catch(() => false);
    if (!valid) throw forbidden('signature mismatch');
    try {
      return JSON.parse(new TextDecoder().decode(request.rawBody)) as TelnyxEvent;
    } catch {
      throw new BridgeError('invalid_json', 'The Telnyx webhook body is not valid JSON.');
    }
  }

  const field = (value: unknown, name: string): string => {
    if (typeof value === 'string' && value !== '') return value;
    throw new BridgeError('invalid_request', `Invalid Telnyx webhook: "${name}" is missing.`);
  };

  return {
    async parseInbound(request): Promise<InboundSms> {
      const event = await verified(request);
      if (event.data?.event_type !== 'message.received') {
        throw new BridgeError('invalid_request', 'Invalid Telnyx webhook: not message.received.');
      }
      const payload = event.data.payload;
      return {
        messageId: field(payload?.id, 'data.payload.id'),
        from: field(payload?.from?.phone_number, 'data.payload.from.phone_number'),
        to: field(payload?.to?.[0]?.phone_number, 'data.payload.to'),
        body: typeof payload?.text === 'string' ? payload.text : '',
        mediaUrls: [],
      };
    },

    async parseStatus(request): Promise<SmsStatusUpdate> {
      const event = await verified(request);
      const payload = event.data?.payload;
      const providerStatus = field(payload?.to?.[0]?.status, 'data.payload.to[0].status');
      const update: SmsStatusUpdate = {
        messageId: field(payload?.id, 'data.payload.id'),
        status: STATUS[providerStatus] ?? 'queued',
        providerStatus,
      };
      const code = payload?.errors?.[0]?.code;
      if (typeof code === 'string') update.errorCode = code;
      return update;
    },

    async send(sms) {
      let response: Response;
      try {
        response = await fetch(`${base}/v2/messages`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.apiKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            from: options.from,
            to: sms.to,
            text: sms.body,
            ...(sms.statusCallbackUrl ? { webhook_url: sms.statusCallbackUrl } : {}),
          }),
          signal: AbortSignal.timeout(5_000),
        });
      } catch (error) {
        throw sendFailureWithoutAnswer('Telnyx', error);
      }
      const json = (await response.json().catch(() => ({}))) as {
        data?: { id?: unknown };
        errors?: { code?: unknown; title?: unknown }[];
      };
      if (response.ok && typeof json.data?.id === 'string') return { messageId: json.data.id };
      const [error] = json.errors ?? [];
      const code = typeof error?.code === 'string' ? error.code : undefined;
      const retryable = response.status === 429 || response.status >= 500;
      throw new SmsSendError(
        `Telnyx refused the text: ${typeof error?.title === 'string' ? error.title : response.status}`,
        code,
        response.status,
        { retryable, permanent: !retryable, optedOut: code === BLOCKED_BY_STOP },
      );
    },
  };
}
