/** One entry of a Telnyx error answer's `errors` array. */
export interface TelnyxErrorObject {
  /** Telnyx's error code, a numeric string such as `"40300"`. */
  code: string;
  /** Telnyx's short wording for the code. */
  title: string;
  /** The longer explanation. */
  detail: string;
  /** The request field at fault, when there is one (`{ pointer: '/to' }`). */
  source?: { pointer: string } | undefined;
}

/** Titles Telnyx gives the codes the emulator produces, is told to inject, or reports in webhooks. */
const TITLES: Record<string, string> = {
  10004: 'Missing required parameter',
  10005: 'Resource not found',
  10007: 'Unexpected error',
  10009: 'Authentication failed',
  10011: 'Too many requests',
  10015: 'Bad Request',
  40001: 'Not routable',
  40002: 'Blocked as spam (temporary)',
  40003: 'Blocked as spam (permanent)',
  40004: 'Rejected by destination',
  40005: 'Message expired',
  40006: 'Recipient unavailable',
  40008: 'Undeliverable',
  40009: 'Invalid message body',
  40011: 'Rate limit exceeded (upstream)',
  40012: 'Invalid destination number',
  40013: 'Invalid source number',
  40014: 'Expired in queue',
  40300: 'Blocked due to STOP message',
  40305: "Invalid 'from' address",
  40310: "Invalid 'to' address",
};

const DETAILS: Record<string, string> = {
  10005: 'The requested resource or URL could not be found.',
  10007: 'An unexpected error occured.',
  10009: 'The required authentication headers were either invalid or not included in the request.',
  10011: 'You have exceeded the maximum number of allowed requests.',
  40305:
    "The 'from' address should be string containing a valid number associated with the sending messaging profile.",
  40310: "The 'to' address should be a valid phone number in +E.164 format.",
};

/** Telnyx's title for `code`, or a neutral one for codes the emulator does not know. */
export function telnyxTitle(code: string): string {
  return TITLES[code] ?? `Telnyx error ${code}`;
}

/** An error the Telnyx emulator answers with: an HTTP status and Telnyx's `{ errors: [...] }`. */
export class TelnyxApiError extends Error {
  constructor(
    /** HTTP status of the answer. */
    readonly status: number,
    /** The error objects of the body (the emulator always sends one). */
    readonly errors: TelnyxErrorObject[],
  ) {
    super(errors.map((error) => `${error.code} ${error.title}`).join('; '));
    this.name = 'TelnyxApiError';
  }

  /** The JSON body Telnyx answers with. */
  toBody(): { errors: TelnyxErrorObject[] } {
    return { errors: this.errors };
  }
}

/** A Telnyx error by code, with Telnyx's title and (unless given) its usual detail. */
export function telnyxError(
  status: number,
  code: string,
  detail?: string,
  pointer?: string,
): TelnyxApiError {
  const title = telnyxTitle(code);
  const error: TelnyxErrorObject = { code, title, detail: detail ?? DETAILS[code] ?? title };
  if (pointer) error.source = { pointer };
  return new TelnyxApiError(status, [error]);
}
