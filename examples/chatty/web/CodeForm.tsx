import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from './api.js';
import { formatInternational } from './phone.js';
import type { Session } from './session.js';
import { useRequest } from './useRequest.js';

/**
 * Step 2: the code texted to the phone. "Send the code again" asks the bridge again with the
 * same name and number (it re-sends the code while it is valid); when the bridge asks to wait
 * (429 with Retry-After), the button counts the seconds down and comes back at 0.
 */
export function CodeForm({
  name,
  e164,
  onSignedUp,
  onBack,
}: {
  name: string;
  e164: string;
  onSignedUp: (session: Session) => void;
  onBack: () => void;
}) {
  const [code, setCode] = useState('');
  const [resent, setResent] = useState(false);
  // Two requests: only a refused code marks the code field; a refused resend (429) does not.
  const verify = useRequest();
  const again = useRequest();
  const busy = verify.busy || again.busy;
  const errorId = useId();
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    codeInput.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResent(false);
    again.setError(null);
    void verify.run(async () => onSignedUp(await api.verify(e164, code.trim())));
  };
  const resend = () => {
    setResent(false);
    verify.setError(null);
    void again.run(async () => {
      await api.requestCode(name, e164);
      setResent(true);
    });
  };
  const error = verify.error ?? again.error;
  const errorProps = verify.error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};

  return (
    <form onSubmit={submit} aria-busy={busy}>
      <p>
        We texted a 6-digit code to <strong>{formatInternational(e164)}</strong>.
      </p>
      <label htmlFor="code">Code</label>
      <input
        id="code"
        ref={codeInput}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{6}"
        maxLength={6}
        required
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        {...errorProps}
      />
      {error && (
        <p id={errorId} role="alert" className="error">
          {error.message}
        </p>
      )}
      <p role="status" className="hint">
        {resent ? 'We texted the code again.' : ''}
      </p>
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Join the chat'}
      </button>
      <button
        type="button"
        className="link"
        onClick={resend}
        disabled={busy || again.waitSeconds > 0}
      >
        {again.waitSeconds > 0
          ? `Send the code again in ${again.waitSeconds} s`
          : 'Send the code again'}
      </button>
      <button type="button" className="link" onClick={onBack}>
        Use another number
      </button>
    </form>
  );
}
