/**
 * Runs one store call within `timeoutMS`. Every driver operation of the call gets the signal,
 * so when the database hangs the pending operation fails at the deadline and no later one
 * starts (a write that never left cannot land when the database wakes up). The race answers on
 * time even where a driver ignores `signal`.
 *
 * Why not the driver's own `timeoutMS`: mongodb 7.x accepts it but ignores it (deprecated, "has
 * no effect"), and a client the app passes in cannot be reconfigured anyway; a signal per call
 * bounds any client, at every step (server selection, connection checkout, the answer).
 */
export async function bounded<T>(
  timeoutMS: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    const error = new Error(
      `[smsbridge] [store-mongo] The database did not answer within ${timeoutMS} ms (option "timeoutMS").`,
    );
    error.name = 'TimeoutError';
    controller.abort(error);
  }, timeoutMS);
  const expired = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
      once: true,
    });
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
