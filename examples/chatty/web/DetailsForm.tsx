import type { CountryCode } from 'libphonenumber-js';
import { type FormEvent, useId, useMemo } from 'react';
import { api, type SignUpField } from './api.js';
import { countryForTyped, countryName, countryOptions, toE164 } from './phone.js';
import { type FormError, useRequest } from './useRequest.js';

/** What the person entered on the first step (kept by the parent for "Use another number"). */
export interface Details {
  name: string;
  country: CountryCode;
  /** The phone number exactly as typed. */
  phone: string;
}

/** The error under the field it is about, announced when it appears. */
function ErrorText({ error, id }: { error: FormError; id: string }) {
  return (
    <p id={id} role="alert" className="error">
      {error.message}
    </p>
  );
}

/**
 * Step 1: name, country and mobile number. The number is read in the picked country (a typed
 * `+44…` picks the United Kingdom), checked here, and sent to the bridge in E.164. An error
 * marks only the field it is about.
 */
export function DetailsForm({
  countries: allowed,
  details,
  onChange,
  onCodeSent,
}: {
  /** Countries whose numbers may sign up: the picker's choices. */
  countries: string[];
  details: Details;
  onChange: (details: Details) => void;
  onCodeSent: (name: string, e164: string) => void;
}) {
  const { busy, error, setError, waitSeconds, run } = useRequest();
  const errorId = useId();
  const countries = useMemo(() => countryOptions(allowed), [allowed]);
  // The picker follows a typed +country it offers; for any other, the bridge says it cannot
  // sign up (403 country_not_allowed), under the phone field.
  const followTyped = (typed: CountryCode | undefined) =>
    countries.some((option) => option.code === typed) ? typed : undefined;
  const { name, country, phone } = details;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e164 = toE164(phone, country);
    if (!e164) {
      const where = phone.trim().startsWith('+') ? '' : ` in ${countryName(country)}`;
      setError({
        message: `"${phone.trim()}" is not a valid mobile number${where}. Check it, or pick its country.`,
        field: 'phone',
      });
      return;
    }
    void run(async () => {
      await api.requestCode(name.trim(), e164);
      onCodeSent(name.trim(), e164);
    });
  };

  /** aria-invalid and the error's id on the field the error is about, and only there. */
  const marked = (field: SignUpField) =>
    error?.field === field ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const errorAfter = (field: SignUpField | undefined) =>
    error && error.field === field ? <ErrorText error={error} id={errorId} /> : null;

  return (
    <form onSubmit={submit} aria-busy={busy}>
      <label htmlFor="name">Your name</label>
      <input
        id="name"
        autoComplete="name"
        required
        maxLength={64}
        value={name}
        onChange={(e) => onChange({ ...details, name: e.target.value })}
        {...marked('name')}
      />
      {errorAfter('name')}
      <label htmlFor="country">Country</label>
      <select
        id="country"
        value={country}
        onChange={(e) => onChange({ ...details, country: e.target.value as CountryCode })}
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
        autoComplete="tel"
        inputMode="tel"
        required
        value={phone}
        onChange={(e) => {
          const typed = e.target.value;
          onChange({
            ...details,
            phone: typed,
            country: followTyped(countryForTyped(typed, country)) ?? country,
          });
        }}
        {...marked('phone')}
      />
      <p className="hint">We text you a code to check the number is yours.</p>
      {errorAfter('phone')}
      {errorAfter(undefined)}
      <button type="submit" disabled={busy || waitSeconds > 0}>
        {busy
          ? 'Sending…'
          : waitSeconds > 0
            ? `Text me a code (${waitSeconds} s)`
            : 'Text me a code'}
      </button>
    </form>
  );
}
