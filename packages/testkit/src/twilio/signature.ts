import { createHmac } from 'node:crypto';

/** Webhook parameters: one value per name, or several for repeated names. */
export type WebhookParams = Record<string, string | string[]>;

/**
 * Twilio's webhook signature: base64 HMAC-SHA1 keyed with the auth token over the full URL
 * followed by every parameter name and value, names sorted. A repeated name contributes each
 * distinct value once, sorted: that is how the SDK's `validateRequest` reads arrays, and a
 * signature it cannot reproduce is useless to the bridge.
 * Written here independently of the SDK on purpose: the tests check the two agree, which proves
 * nothing if one is the other.
 */
export function signTwilioRequest(authToken: string, url: string, params: WebhookParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value ?? ''];
    for (const item of values) data += name + item;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The form body for `params`, repeated names repeated as Twilio sends them. */
export function encodeForm(params: WebhookParams): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  }
  return form.toString();
}
