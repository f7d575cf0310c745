/**
 * Phone numbers in free text: E.164 (`+14155550123`), the same with separators
 * (`+1 415-555-0123`, `(415) 555-0123`), or a bare run of 10 to 15 digits. Dates and short
 * codes (a Twilio error code, `2026-12-02`) do not match.
 */
const PHONE_LIKE =
  /\+\d[\d\s().-]{6,20}\d|\(\d{3}\)[\s.-]?\d{3}[\s.-]?\d{4}|(?<!\d)\d{10,15}(?!\d)/g;

/** `text` with every phone number in it replaced by a mask keeping only the last two digits. */
export function redactPhoneNumbers(text: string): string {
  return text.replace(PHONE_LIKE, (found) => {
    const digits = found.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) return found;
    return `[phone ••${digits.slice(-2)}]`;
  });
}

/** Any value with every string inside it (objects and arrays included) redacted. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPhoneNumbers(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactPhoneNumbers(value.message);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactDeep(item, depth + 1)]),
  );
}
