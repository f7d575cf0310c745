import { SmsSendError } from '../errors.js';
import type { OutgoingSms } from '../interfaces.js';
import type { CallContext } from './context.js';

/** Retries of a send the provider refused for a moment (the first try not counted). */
const MAX_RETRIES = 3;
/** Full-jitter backoff: the n-th retry waits a random time up to `BASE * 2^n`. */
const BACKOFF_BASE_MS = 250;
/** Time kept for the send itself when deciding whether one more retry fits before the deadline. */
const SEND_ALLOWANCE_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a text, retrying up to three times with jittered backoff when the provider refused it for
 * a moment (429, 5xx, unreachable) and the request's deadline leaves room. A refusal that is
 * final (unsubscribed, invalid number) or a timeout (the text may have gone) is not retried.
 */
export async function sendText(
  context: Pick<CallContext, 'config' | 'deadline'>,
  sms: OutgoingSms,
): Promise<{ messageId: string }> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await context.config.sms.send(sms);
    } catch (error) {
      const wait = Math.random() * BACKOFF_BASE_MS * 2 ** retry;
      const fits = Date.now() + wait + SEND_ALLOWANCE_MS < context.deadline;
      if (!(error instanceof SmsSendError && error.retryable) || retry === MAX_RETRIES || !fits) {
        throw error;
      }
      await sleep(wait);
    }
  }
}
