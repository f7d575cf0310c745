import { SmsSendError } from './errors.js';

/** Connection failures that happen before a request reaches the provider: safe to send again. */
const NEVER_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * The `SmsSendError` for a send whose `fetch` got no answer, for SMS transports to share: a
 * timeout (`AbortSignal.timeout`) is neither retryable nor permanent, since the provider may have
 * accepted the text; a connection that never opened is retryable; anything else is neither.
 */
export function sendFailureWithoutAnswer(provider: string, error: unknown): SmsSendError {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const timedOut = (error as { name?: unknown }).name === 'TimeoutError';
  return new SmsSendError(
    timedOut
      ? `${provider} did not answer in time; the text may or may not have been sent.`
      : `${provider} could not be reached${code ? ` (${code})` : ''}.`,
    undefined,
    undefined,
    { cause: error, retryable: !timedOut && code !== undefined && NEVER_REACHED.has(code) },
  );
}
