import type { ServerResponse } from 'node:http';

/** Writes a JSON response with an explicit length (the SDKs' axios clients rely on complete bodies). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
  });
  res.end(payload);
}

/** Writes a text response (HTML, XML, plain) with the given content type. */
export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(body);
  res.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': String(payload.length),
  });
  res.end(payload);
}
