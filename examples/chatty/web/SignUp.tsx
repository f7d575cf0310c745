import {
  AsYouType,
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError, api } from './api.js';
import type { Session } from './session.js';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function guessCountry(): CountryCode {
  const region = new Intl.Locale(navigator.language || 'en-US').maximize().region;
  return (getCountries() as string[]).includes(region ?? '') ? (region as CountryCode) : 'US';
}

/** Sign-up in two steps: name and phone, then the code texted to that phone. */
export function SignUp({ onSignedUp }: { onSignedUp: (session: Session) => void }) {
  const [step, setStep] = useState<'details' | 'code'>('details');
  const [name, setName] = useState('');
  const [country, setCountry] = useState<CountryCode>(guessCountry);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const codeInput = useRef<HTMLInputElement>(null);
  const countries = useMemo(
    () =>
      getCountries()
        .map((c) => ({
          code: c,
          label: `${regionNames.of(c) ?? c} (+${getCountryCallingCode(c)})`,
        }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [],
  );
  const e164 = parsePhoneNumberFromString(phone, country)?.number ?? phone;

  useEffect(() => {
    if (step === 'code') codeInput.current?.focus();
  }, [step]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      const message =
        caught instanceof ApiError ? caught.message : 'The server could not be reached; try again.';
      const wait =
        caught instanceof ApiError && caught.retryAfterSeconds
          ? ` (try again in ${caught.retryAfterSeconds} s)`
          : '';
      setError(message + wait);
    } finally {
      setBusy(false);
    }
  }

  const submitDetails = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.requestCode(name.trim(), e164);
      setStep('code');
    });
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => onSignedUp(await api.verify(e164, code.trim())));
  };
  const errorProps = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};

  return (
    <main className="signup">
      <h1>Chatty</h1>
      <p className="lede">A group chat you can also join by text message.</p>
      {step === 'details' ? (
        <form onSubmit={submitDetails} aria-busy={busy}>
          <label htmlFor="name">Your name</label>
          <input
            id="name"
            autoComplete="name"
            required
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...errorProps}
          />
          <label htmlFor="country">Country</label>
          <select
            id="country"
            value={country}
            onChange={(e) => setCountry(e.target.value as CountryCode)}
          >
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
          <label htmlFor="phone">Mobile number</label>
          <input
            id="phone"
            type="tel"
            autoComplete="tel-national"
            inputMode="tel"
            required
            value={phone}
            onChange={(e) => setPhone(new AsYouType(country).input(e.target.value))}
            {...errorProps}
          />
          <p className="hint">We text you a code to check the number is yours.</p>
          {error && (
            <p id={errorId} role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? 'Sending…' : 'Text me a code'}
          </button>
        </form>
      ) : (
        <form onSubmit={submitCode} aria-busy={busy}>
          <p>
            We texted a 6-digit code to <strong>{e164}</strong>.
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
              {error}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Join the chat'}
          </button>
          <button type="button" className="link" onClick={() => setStep('details')}>
            Use another number
          </button>
        </form>
      )}
    </main>
  );
}
