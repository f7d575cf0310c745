/** Twilio's error JSON: the SDK turns it into a `RestException`. */
export interface TwilioErrorBody {
  /** Twilio's error code (`RestException.code`), e.g. 21610. */
  code: number;
  /** Twilio's wording (`RestException.message`). */
  message: string;
  /** `https://www.twilio.com/docs/errors/{code}` (`RestException.moreInfo`). */
  more_info: string;
  /** The HTTP status, repeated in the body (`RestException.status` comes from the response). */
  status: number;
}

/** An error the Twilio emulator answers with Twilio's own body and code. */
export class TwilioApiError extends Error {
  constructor(
    /** HTTP status of the answer. */
    readonly status: number,
    /** Twilio error code. */
    readonly code: number,
    message: string,
    /** Extra response headers, e.g. the `WWW-Authenticate` challenge Twilio sends with a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'TwilioApiError';
  }

  /** The JSON body Twilio answers with. */
  toBody(): TwilioErrorBody {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

/** Twilio's wording for the synchronous errors the emulator produces or can be told to inject. */
const MESSAGES: Record<number, (detail: string) => string> = {
  20003: () => 'Authenticate',
  20404: (detail) => `The requested resource ${detail} was not found`,
  20429: () => 'Too Many Requests',
  20500: () => 'An internal server error has occurred',
  20503: () => 'Service is unavailable. Please try again',
  21211: (to) => `Invalid 'To' Phone Number: ${to}`,
  21212: (from) => `Invalid From Number (caller ID): ${from}`,
  21266: () => "'To' and 'From' number cannot be the same",
  21602: () => 'Message body is required.',
  21603: () => "A 'From' phone number is required.",
  21604: () => "A 'To' phone number is required.",
  21606: (from) =>
    `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
  21610: () => 'Attempt to send to unsubscribed recipient',
  21612: () =>
    "The 'To' phone number is not currently reachable using the 'From' phone number via SMS.",
  21614: (to) => `'To' number ${to} is not a valid mobile number`,
  21617: () => 'The concatenated message body exceeds the 1600 character limit.',
  21701: (service) => `The Messaging Service Sid ${service} is invalid.`,
};

/** The HTTP status Twilio answers each code with. */
function statusOf(code: number): number {
  if (code === 20003) return 401;
  if (code === 20404) return 404;
  if (code === 20429) return 429;
  if (code === 20500) return 500;
  if (code === 20503) return 503;
  return 400;
}

/** A Twilio error by code, with Twilio's status and wording; `status` overrides the usual one. */
export function twilioError(code: number, detail = '', status = statusOf(code)): TwilioApiError {
  const message = MESSAGES[code]?.(detail) ?? `Twilio error ${code}`;
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': 'Basic realm="Twilio API"' } : {};
  return new TwilioApiError(status, code, message, headers);
}
