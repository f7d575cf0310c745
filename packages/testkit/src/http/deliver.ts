/** What came back from one webhook delivery attempt. */
export interface DeliveryResult {
  /** HTTP status, or `undefined` when the request never got an answer (network error, timeout). */
  status: number | undefined;
  body: string;
  contentType: string | undefined;
  error?: 'network' | 'timeout';
}

/**
 * POSTs one webhook with `fetch` and a per-request timeout. Never throws: a refused connection or
 * a timeout is an outcome the caller's retry policy decides about.
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<DeliveryResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      // A Uint8Array view, not a copy: fetch's types do not name Buffer.
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      status: response.status,
      body: await response.text(),
      contentType: response.headers.get('content-type') ?? undefined,
    };
  } catch (error) {
    const name = (error as { name?: string }).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    return {
      status: undefined,
      body: '',
      contentType: undefined,
      error: timedOut ? 'timeout' : 'network',
    };
  }
}
