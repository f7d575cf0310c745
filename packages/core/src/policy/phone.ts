import type {
  CountryCode,
  NumberType,
  parsePhoneNumberFromString as Parse,
} from 'libphonenumber-js';
import { BridgeError } from '../errors.js';

let parse: Promise<typeof Parse> | undefined;

/** A valid phone number and what the numbering plan says about it. */
export interface ParsedPhone {
  /** E.164, e.g. `+14155552671`. */
  e164: string;
  /** The country or territory the number belongs to; `undefined` for non-geographic numbers
   * (satellite and international networks, +800 freephone, …). */
  country: CountryCode | undefined;
  /** Mobile, fixed line, premium rate, …; `undefined` when the plan does not say. */
  type: NumberType | undefined;
  /** Country calling code plus the first three national digits (`1-415`): a number range. */
  prefix: string;
}

/**
 * Parses a phone number as typed (`(415) 555-2671`, `+44 7911 123456`), using `defaultCountry`
 * for numbers without a `+country` prefix. Throws 400 `invalid_phone` for anything that is not a
 * valid number; the answer never repeats what was typed (it may be someone's number).
 * libphonenumber-js loads on first use (a dynamic `import()`, which bundlers follow), with the
 * full ("max") metadata because number types need it: only the sign-up routes parse numbers,
 * and a cold `/sms` should not pay for the metadata.
 */
export async function parsePhone(
  input: string,
  defaultCountry?: CountryCode,
): Promise<ParsedPhone> {
  parse ??= import('libphonenumber-js/max').then((module) => module.parsePhoneNumberFromString);
  const parsed = (await parse)(input, defaultCountry);
  if (!parsed?.isValid()) {
    throw new BridgeError(
      'invalid_phone',
      defaultCountry
        ? `That is not a valid phone number (numbers without +country are read as ${defaultCountry}).`
        : 'That is not a valid phone number: use the international format, like +14155552671.',
    );
  }
  return {
    e164: parsed.number,
    country: parsed.country,
    type: parsed.getType(),
    prefix: `${parsed.countryCallingCode}-${parsed.nationalNumber.slice(0, 3)}`,
  };
}

/** The E.164 form of a phone number as typed; see {@link parsePhone}. */
export async function normalizePhone(input: string, defaultCountry?: CountryCode): Promise<string> {
  return (await parsePhone(input, defaultCountry)).e164;
}
