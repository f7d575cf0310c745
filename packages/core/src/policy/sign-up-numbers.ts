import type { CountryCode, NumberType } from 'libphonenumber-js';
import { BridgeError } from '../errors.js';
import type { ParsedPhone } from './phone.js';

/** Which numbers `/auth` may text: the countries and the kinds of number. */
export interface SignUpNumberRules {
  /** Allowed countries, or `'any'`. An empty list allows none. */
  countries: readonly CountryCode[] | 'any';
  /** Allowed number types (libphonenumber-js names). */
  numberTypes: readonly NumberType[];
}

/**
 * Number types that are never texted, whatever `numberTypes` lists: they cost the sender money
 * (premium rate, shared cost, UAN) or reach no phone of a person (pagers, personal numbers that
 * forward anywhere). These are what SMS pumping fraud texts.
 */
export const NEVER_TEXTED: readonly NumberType[] = [
  'PREMIUM_RATE',
  'SHARED_COST',
  'UAN',
  'PAGER',
  'PERSONAL_NUMBER',
];

/**
 * Refuses a number `/auth` must not text: 403 `country_not_allowed` outside `countries`, 400
 * `number_type_not_allowed` for a type not listed, for any type in {@link NEVER_TEXTED}, and for
 * every non-geographic number (satellite and international networks such as +881, +882, +870),
 * which have no country to allow.
 */
export function checkSignUpNumber(phone: ParsedPhone, rules: SignUpNumberRules): void {
  if (!phone.country) {
    throw new BridgeError(
      'number_type_not_allowed',
      'Numbers of satellite and international networks cannot sign up.',
    );
  }
  if (rules.countries !== 'any' && !rules.countries.includes(phone.country)) {
    throw new BridgeError('country_not_allowed', 'Numbers of this country cannot sign up here.');
  }
  if (!phone.type || NEVER_TEXTED.includes(phone.type) || !rules.numberTypes.includes(phone.type)) {
    throw new BridgeError(
      'number_type_not_allowed',
      'This kind of number cannot sign up: use a mobile number.',
    );
  }
}
