/**
 * An error the Stream emulator answers with Stream's own error body. `code` values are Stream's
 * (https://getstream.io/chat/docs/node/api_errors_response/): 2 auth/api key, 4 input,
 * 16 does not exist, 17 not allowed, 40 token expired, 43 token signature invalid.
 */
export class StreamApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'StreamApiError';
  }

  /** The JSON body Stream sends: the SDK reads `code`, `message` and `StatusCode`. */
  toBody(): StreamErrorBody {
    return {
      code: this.code,
      message: this.message,
      StatusCode: this.statusCode,
      duration: '0.00ms',
      more_info: 'https://getstream.io/chat/docs/api_errors_response',
    };
  }
}

/** Stream's error response body. */
export interface StreamErrorBody {
  code: number;
  message: string;
  StatusCode: number;
  duration: string;
  more_info: string;
}

/** A 400 with code 4, Stream's "input error", naming the API call as Stream's messages do. */
export function inputError(call: string, detail: string): StreamApiError {
  return new StreamApiError(400, 4, `${call} failed with error: "${detail}"`);
}

/** A 404 with code 16, Stream's "does not exist". */
export function notFound(call: string, detail: string): StreamApiError {
  return new StreamApiError(404, 16, `${call} failed with error: "${detail}"`);
}
