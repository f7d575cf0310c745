import {
  AsYouType,
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
// The same metadata libphonenumber-js's default functions use (one copy in the bundle).
import metadata from 'libphonenumber-js/metadata.min.json';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** A country's name in English, e.g. "United Kingdom" for GB. */
export function countryName(country: CountryCode): string {
  return regionNames.of(country) ?? country;
}

/**
 * The Country picker's options: the countries that may sign up (every country the phone library
 * knows, when none are given), with their calling codes, sorted by name.
 */
export function countryOptions(
  allowed: readonly string[] = [],
): { code: CountryCode; label: string }[] {
  return getCountries()
    .filter((code) => allowed.length === 0 || allowed.includes(code))
    .map((code) => ({ code, label: `${countryName(code)} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The browser's country, if it may sign up; else the first that may (the United States). */
export function guessCountry(allowed: readonly string[] = []): CountryCode {
  const region = new Intl.Locale(navigator.language || 'en-US').maximize().region ?? '';
  const candidates = allowed.length > 0 ? allowed : (getCountries() as string[]);
  if (candidates.includes(region)) return region as CountryCode;
  return (allowed[0] ?? 'US') as CountryCode;
}

/**
 * The country the picker should show for what was typed: for `+44…`, the United Kingdom. A
 * calling code several countries share (+1, +44) keeps a picked country that has it, else takes
 * the code's main country, so the picker does not jump between GB and GG while digits arrive.
 * `undefined` when the text names no calling code (a national number, or just "+").
 */
export function countryForTyped(typed: string, picked: CountryCode): CountryCode | undefined {
  if (!typed.trim().startsWith('+')) return undefined;
  const typer = new AsYouType();
  typer.input(typed);
  const callingCode = typer.getCallingCode();
  if (!callingCode) return undefined;
  if (getCountryCallingCode(picked) === callingCode) return picked;
  return metadata.country_calling_codes[callingCode]?.[0] as CountryCode | undefined;
}

/**
 * The number in E.164 when it is a valid one, reading a number without `+country` as a number
 * of `country`; `undefined` when it is not valid. The bridge reads national numbers in its own
 * default country, so only E.164 goes to it.
 */
export function toE164(typed: string, country: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(typed, country);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** "+44 7400 123456" for "+447400123456": how the code step shows the number. */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
