import { useCallback, useEffect, useState } from 'react';

/**
 * Whole seconds left until a deadline, ticking down once a second to 0, and a way to start it
 * (e.g. from a 429's `Retry-After`). It counts from a deadline rather than decrementing, so a
 * throttled background tab still shows the true time when it wakes.
 */
export function useCountdown(): [secondsLeft: number, start: (seconds: number) => void] {
  const [deadline, setDeadline] = useState(0);
  const [secondsLeft, setSecondsLeft] = useState(0);
  useEffect(() => {
    if (deadline === 0) return;
    const tick = () => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setSecondsLeft(left);
      if (left === 0) setDeadline(0);
    };
    tick();
    // Four checks a second: the shown number changes within 250 ms of the real second.
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [deadline]);
  const start = useCallback((seconds: number) => {
    setDeadline(Date.now() + Math.max(0, seconds) * 1000);
  }, []);
  return [secondsLeft, start];
}
