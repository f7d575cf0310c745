import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendFailureWithoutAnswer } from '../src/sms-send-failure.js';
import { httpCall, httpCallViaFetch } from '../src/web/http-call.js';

// Both paths must behave alike: Node's HTTP client (Node, Bun, Deno) and fetch (Workers). The
// callers tell a timeout from a refused connection by the error's shape, as fetch makes it.
let server: Server;
let base: string;
const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/slow')) return; // never answers
      if (req.url?.startsWith('/cut')) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"partial":');
        setTimeout(() => res.destroy(), 10);
        return;
      }
      res.writeHead(req.url?.startsWith('/missing') ? 404 : 201, 'Made It', {
        'content-type': 'application/json',
      });
      res.end(JSON.stringify({ echo: body, emoji: '🙂' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
  vi.useRealTimers();
});

async function refusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe.each([
  ['node:http (getBuiltinModule)', httpCall],
  ['fetch', httpCallViaFetch],
])('httpCall through %s', (_path, call) => {
  it('sends method, headers and a UTF-8 body, and reads status and body', async () => {
    const answer = await call({
      url: `${base}/things?x=1`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'token' },
      body: '{"name":"Zoë 🙂"}',
      timeoutMs: 2_000,
    });
    expect(answer).toEqual({
      status: 201,
      statusText: 'Made It',
      text: JSON.stringify({ echo: '{"name":"Zoë 🙂"}', emoji: '🙂' }),
    });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/things?x=1',
      body: '{"name":"Zoë 🙂"}',
      headers: {
        authorization: 'token',
        'content-length': String(Buffer.byteLength('{"name":"Zoë 🙂"}')),
      },
    });
  });

  it('answers an error status as an answer, not a rejection', async () => {
    const answer = await call({
      url: `${base}/missing`,
      method: 'GET',
      headers: {},
      timeoutMs: 2_000,
    });
    expect(answer.status).toBe(404);
  });

  it('rejects a call past its deadline as a TimeoutError: the provider may have acted', async () => {
    const failure = await call({
      url: `${base}/slow`,
      method: 'POST',
      headers: {},
      body: 'x',
      timeoutMs: 100,
    }).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('TimeoutError');
    const smsError = sendFailureWithoutAnswer('Twilio', failure);
    expect({ retryable: smsError.retryable, permanent: smsError.permanent }).toEqual({
      retryable: false,
      permanent: false,
    });
  });

  it('rejects a refused connection with its code in the cause: safe to send again', async () => {
    const port = await refusedPort();
    const failure = await call({
      url: `http://127.0.0.1:${port}/`,
      method: 'POST',
      headers: {},
      body: 'x',
      timeoutMs: 2_000,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(((failure as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
    expect(sendFailureWithoutAnswer('Twilio', failure).retryable).toBe(true);
  });

  it('rejects an answer cut off mid-body, never resolving with half of it', async () => {
    const failure = await call({
      url: `${base}/cut`,
      method: 'GET',
      headers: {},
      timeoutMs: 2_000,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).not.toBe('TimeoutError');
  });
});

it("takes Node's HTTP client where getBuiltinModule offers it, and fetch where not", async () => {
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  vi.resetModules();
  const node = await import('../src/web/http-call.js');
  await node.httpCall({ url: `${base}/a`, method: 'GET', headers: {}, timeoutMs: 2_000 });
  expect(fetchSpy).not.toHaveBeenCalled();

  vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
  vi.resetModules();
  const workers = await import('../src/web/http-call.js');
  await workers.httpCall({ url: `${base}/b`, method: 'GET', headers: {}, timeoutMs: 2_000 });
  vi.unstubAllGlobals();
  expect(fetchSpy).toHaveBeenCalledTimes(1);
  fetchSpy.mockRestore();
});
