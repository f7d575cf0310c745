import { XMLParser } from 'fast-xml-parser';

/** One `<Message>` of a TwiML answer. */
export interface TwimlMessage {
  /** The text, entities decoded, trimmed. */
  body: string;
  /** `<Media>` URLs. */
  mediaUrls: string[];
  /** The `to` attribute: the reply goes elsewhere than back to the sender. */
  to: string | undefined;
  /** The `from` attribute: the reply comes from another of the account's numbers. */
  from: string | undefined;
}

/** XML's own five named entities: TwiML is XML, so `&nbsp;` and friends mean nothing. */
const XML_ENTITIES = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Keep text as written: a body of "007" or "true" must not become a number or boolean.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Passing the XML set here (not `true`) turns on numeric references (`&#233;`, `&#x1F600;`),
  // which XML requires, without accepting HTML-only names. fast-xml-parser 5 reads an object
  // here as the named-entity table, though its types only admit a boolean.
  htmlEntities: XML_ENTITIES as unknown as boolean,
  isArray: (name) => name === 'Message' || name === 'Media' || name === 'Body',
});

type Node = Record<string, unknown>;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value) return String(value['#text']);
  return '';
}

function attribute(node: Node, name: string): string | undefined {
  const value = node[`@${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Parses a TwiML messaging document into its messages. Handles `<Message>text</Message>`,
 * `<Message><Body>…</Body><Media>…</Media></Message>`, `to`/`from` attributes, `<Response/>`,
 * entities and CDATA. Returns `undefined` when the document is not TwiML at all.
 */
export function parseTwiml(xml: string): TwimlMessage[] | undefined {
  if (!xml.trim().startsWith('<')) return undefined;
  let document: Node;
  try {
    document = parser.parse(xml) as Node;
  } catch {
    return undefined;
  }
  if (!('Response' in document)) return undefined;
  const response = document.Response;
  if (!response || typeof response !== 'object') return [];
  const messages = ((response as Node).Message as unknown[] | undefined) ?? [];
  return messages.map((message) => {
    const node: Node = typeof message === 'string' ? { '#text': message } : (message as Node);
    const bodies = node.Body as unknown[] | undefined;
    return {
      body: (bodies ? bodies.map(text).join('') : text(node)).trim(),
      mediaUrls: ((node.Media as unknown[] | undefined) ?? []).map((media) => text(media).trim()),
      to: attribute(node, 'to'),
      from: attribute(node, 'from'),
    };
  });
}

/** How Twilio reads a 2xx webhook answer: the messages to send, or the alert it raises. */
export interface WebhookAnswer {
  /** Messages to send back. */
  messages: TwimlMessage[];
  /** 12100 (not TwiML) or 12300 (a content type Twilio does not read), when it went wrong. */
  alert?: { code: 12100 | 12300; detail: string };
}

/**
 * Reads a webhook's 2xx answer the way Twilio does, by its MIME type: `text/xml`,
 * `application/xml` and `text/html` are TwiML; `text/plain` is itself the reply text; anything
 * else (JSON, say) sends nothing and raises 12300. An empty body means "no reply".
 */
export function readWebhookAnswer(contentType: string | undefined, body: string): WebhookAnswer {
  if (body.trim() === '') return { messages: [] };
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime === 'text/plain') {
    return { messages: [{ body: body.trim(), mediaUrls: [], to: undefined, from: undefined }] };
  }
  if (mime === 'text/xml' || mime === 'application/xml' || mime === 'text/html') {
    const messages = parseTwiml(body);
    return messages
      ? { messages }
      : { messages: [], alert: { code: 12100, detail: 'the answer is not a TwiML <Response>' } };
  }
  return {
    messages: [],
    alert: { code: 12300, detail: `Twilio does not read "${mime || 'no content type'}" answers` },
  };
}
