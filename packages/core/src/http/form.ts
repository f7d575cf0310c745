/** Form fields, repeated names kept as arrays (the order Twilio sent them). */
export type FormFields = Record<string, string | string[]>;

/** Parses an `application/x-www-form-urlencoded` body from its raw bytes. */
export function parseForm(rawBody: Uint8Array): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(rawBody))) {
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[name] = [existing, value];
  }
  return fields;
}
