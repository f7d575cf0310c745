import { useState } from 'react';
import { ApiError, fieldOf, type SignUpField } from './api.js';
import { useCountdown } from './useCountdown.js';

/** An error to show, and the one field it is about (none for a network failure or a 429). */
export interface FormError {
  message: string;
  field?: SignUpField | undefined;
}

/**
 * A form's call to the bridge: busy while it runs, the error it ended with (and which field it
 * is about), and the seconds a 429 asked to wait, counting down.
 */
export function useRequest() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const [waitSeconds, startWait] = useCountdown();

  /** Runs `action`; a failure becomes `error`. Resolves to whether the action succeeded. */
  async function run(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      if (!(caught instanceof ApiError)) {
        setError({ message: 'The server could not be reached; try again.' });
      } else {
        if (caught.retryAfterSeconds) startWait(caught.retryAfterSeconds);
        setError({ message: caught.message, field: fieldOf(caught) });
      }
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, waitSeconds, run };
}
