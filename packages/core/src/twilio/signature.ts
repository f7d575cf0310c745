import { constantTimeEqual, hmac, toBase64 } from '../web/crypto.js';

/** Form fields as Twilio sent them; a repeated name keeps every value. */
export type SignedParams = Record<string, string | string[]>;

/** Scheme, host, port and the rest of a URL, split as Twilio's own validator splits it. */
function splitUrl(url: string) {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return undefined;
  const [prefix, scheme = '', authority = ''] = match;
  const userInfoEnd = authority.lastIndexOf('@');
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // A colon starts the port only after the closing bracket of an IPv6 literal.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? '' : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

function withPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

/** Twilio's signature: HMAC-SHA1 over the URL and each field name + value, names sorted. */
export async function twilioSignature(
  authToken: string,
  url: string,
  params: SignedParams,
): Promise<string> {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    // Repeated values count once each, sorted, as the SDK's validator counts them.
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const one of values) data += name + one;
  }
  return toBase64(await hmac('SHA-1', authToken, data));
}

/**
 * Whether `signature` (`X-Twilio-Signature`) is Twilio's for this URL and these fields. Tries the
 * URL as received with and without its default port, then as `new URL()` writes it, as the
 * `twilio` SDK's `validateRequest` does (a test proves the two agree). The runtime's crypto (see
 * `hmac`), so it runs on every runtime and a cold `/sms` loads nothing.
 */
export async function isValidTwilioSignature(
  authToken: string,
  signature: string,
  url: string,
  params: SignedParams,
): Promise<boolean> {
  const normalized = new URL(url).toString();
  const candidates = [
    ...new Set([withoutPort(url), withPort(url), withoutPort(normalized), withPort(normalized)]),
  ];
  for (const candidate of candidates) {
    if (constantTimeEqual(signature, await twilioSignature(authToken, candidate, params)))
      return true;
  }
  return false;
}
