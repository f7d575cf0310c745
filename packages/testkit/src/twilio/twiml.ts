import { XMLParser } from 'fast-xml-parser';

/** One `<Message>` of a TwiML answer. */
export interface TwimlMessage {
  body: string;
  mediaUrls: string[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  // Keep text as written: a body of "007" or "true" must not become a number or boolean.
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'Message' || name === 'Media' || name === 'Body',
});

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value) return String(value['#text']);
  return '';
}

/**
 * Parses a TwiML messaging answer into its messages. Handles `<Message>text</Message>`,
 * `<Message><Body>…</Body><Media>…</Media></Message>`, `<Response/>` and XML entities. Anything
 * that is not TwiML (JSON, HTML, empty) yields no messages, as Twilio sends nothing then
 * (it logs error 12300 or 12200 instead).
 */
export function parseTwiml(xml: string): TwimlMessage[] {
  if (!xml.trim().startsWith('<')) return [];
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml) as Record<string, unknown>;
  } catch {
    return [];
  }
  const response = document.Response;
  if (!response || typeof response !== 'object') return [];
  const messages = (response as { Message?: unknown[] }).Message ?? [];
  return messages.map((message) => {
    if (typeof message === 'string') return { body: message.trim(), mediaUrls: [] };
    const parts = message as { Body?: unknown[]; Media?: unknown[]; '#text'?: string };
    const body = parts.Body ? parts.Body.map(text).join('') : text(parts);
    return {
      body: body.trim(),
      mediaUrls: (parts.Media ?? []).map((media) => text(media).trim()),
    };
  });
}
