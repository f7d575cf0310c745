/** Every error code the bridge answers with, and the HTTP status each maps to at the edge. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_phone: 400,
  number_type_not_allowed: 400,
  invalid_code: 401,
  invalid_signature: 401,
  forbidden_signature: 403,
  country_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  misconfigured: 500,
  internal: 500,
  sms_failed: 502,
  upstream_unavailable: 503,
} as const;

/** A bridge error code. */
export type BridgeErrorCode = keyof typeof ERROR_STATUS;

/**
 * Brands that make `instanceof` work across copies of this module. Each entry point
 * (`@smsbridge/core`, `/stream`, `/twilio`) is bundled on its own, so a transport's BridgeError
 * is a different class object from the bridge's; the brand, registered globally, is the same.
 */
const BRIDGE_ERROR = Symbol.for('smsbridge.BridgeError');
const SMS_SEND_ERROR = Symbol.for('smsbridge.SmsSendError');

function hasBrand(value: unknown, brand: symbol): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true
  );
}

/**
 * The one error type the bridge throws on purpose. Routes throw it; only the HTTP edge turns it
 * into a status and `{ error: { code, message } }`, never a stack trace.
 */
export class BridgeError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, BRIDGE_ERROR);
  }

  readonly [BRIDGE_ERROR] = true;
  readonly status: number;

  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    options: {
      cause?: unknown;
      retryAfterSeconds?: number | undefined;
      allow?: string | undefined;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'BridgeError';
    this.status = ERROR_STATUS[code];
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
    if (options.allow !== undefined) this.allow = options.allow;
  }

  /** For 429: seconds until a retry may succeed (sent as `Retry-After`). */
  retryAfterSeconds?: number;
  /** For 405: the methods the path does allow (sent as `Allow`). */
  allow?: string;
}

/** A failed SMS send, with the provider's error code (e.g. Twilio's 21610 "unsubscribed"). */
export class SmsSendError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, SMS_SEND_ERROR);
  }

  readonly [SMS_SEND_ERROR] = true;

  /**
   * Whether sending again may succeed and cannot send twice: the provider refused for a moment
   * (429, 5xx), the request never reached it (connection refused), or the provider refused the
   * account rather than the number (wrong credentials, a sender the account does not own).
   */
  readonly retryable: boolean;
  /**
   * Whether the provider refused this text for good (an invalid, landline or unsubscribed
   * number): sending it again cannot help. Neither retryable nor permanent means the outcome is
   * unknown (a timeout): the text may have gone.
   */
  readonly permanent: boolean;
  /** Whether the refusal says the recipient opted out (Twilio's 21610, Telnyx's 40300). */
  readonly optedOut: boolean;

  constructor(
    message: string,
    /** The provider's own error code, for logs (`21610`, `40300`). */
    readonly providerCode: number | string | undefined,
    /** The HTTP status the provider answered with, if it answered. */
    readonly status: number | undefined,
    options: {
      cause?: unknown;
      retryable?: boolean | undefined;
      permanent?: boolean | undefined;
      optedOut?: boolean | undefined;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SmsSendError';
    this.retryable = options.retryable ?? false;
    this.permanent = options.permanent ?? false;
    this.optedOut = options.optedOut ?? false;
  }
}

/** The JSON error body and status for any thrown value; unknown errors become a bare 500. */
export function errorResponse(error: unknown): Response {
  const known = error instanceof BridgeError;
  const code: BridgeErrorCode = known ? error.code : 'internal';
  const message = known ? error.message : 'Internal error.';
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
  if (known && error.retryAfterSeconds !== undefined) {
    headers.set('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  }
  if (known && error.allow) headers.set('allow', error.allow);
  return new Response(JSON.stringify({ error: { code, message } }), {
    status: ERROR_STATUS[code],
    headers,
  });
}
