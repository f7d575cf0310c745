import { createRequire } from 'node:module';
import type { CountryCode, parsePhoneNumberFromString as Parse } from 'libphonenumber-js';
import { BridgeError } from '../errors.js';

const require = createRequire(import.meta.url);
let parse: typeof Parse | undefined;

/**
 * Normalises a phone number as typed (`(415) 555-2671`, `+44 7911 123456`) to E.164, using
 * `defaultCountry` for numbers without a `+country` prefix. Throws 400 `invalid_phone` for
 * anything that is not a valid number. libphonenumber-js loads on first use: only the sign-up
 * routes need it, and a cold `/sms` should not pay for its metadata.
 */
export function normalizePhone(input: string, defaultCountry?: CountryCode): string {
  parse ??= (require('libphonenumber-js') as { parsePhoneNumberFromString: typeof Parse })
    .parsePhoneNumberFromString;
  const parsed = parse(input, defaultCountry);
  if (!parsed?.isValid()) {
    throw new BridgeError(
      'invalid_phone',
      defaultCountry
        ? `"${input}" is not a valid phone number (numbers without +country are read as ${defaultCountry}).`
        : `"${input}" is not a valid phone number: use the international format, like +14155552671.`,
    );
  }
  return parsed.number;
}
