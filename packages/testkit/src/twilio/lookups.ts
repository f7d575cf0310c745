import type { WebhookParams } from './signature.js';

/** Country by calling code, for the few the tests and demos use; Twilio looks them all up. */
const COUNTRIES: [string, string][] = [
  ['+1', 'US'],
  ['+44', 'GB'],
  ['+33', 'FR'],
  ['+49', 'DE'],
  ['+34', 'ES'],
  ['+39', 'IT'],
  ['+31', 'NL'],
  ['+61', 'AU'],
  ['+91', 'IN'],
  ['+55', 'BR'],
  ['+52', 'MX'],
];

/**
 * Geographic fields Twilio adds from number lookups. Always present, as Twilio sends them;
 * city/state/zip are fixed plausible values for North American numbers and empty elsewhere
 * (Twilio also leaves them empty for most non-US numbers).
 */
export function geography(prefix: 'From' | 'To', phone: string): WebhookParams {
  const country = COUNTRIES.find(([code]) => phone.startsWith(code))?.[1] ?? '';
  const us = country === 'US';
  return {
    [`${prefix}City`]: us ? 'SAN FRANCISCO' : '',
    [`${prefix}State`]: us ? 'CA' : '',
    [`${prefix}Zip`]: us ? '94105' : '',
    [`${prefix}Country`]: country,
  };
}

/** The content type Twilio would report for a media URL, from its extension. */
export function guessContentType(url: string): string {
  const extension = url.split('?')[0]?.split('.').pop()?.toLowerCase();
  const types: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    gif: 'image/gif',
    mp4: 'video/mp4',
    pdf: 'application/pdf',
  };
  return types[extension ?? ''] ?? 'application/octet-stream';
}
