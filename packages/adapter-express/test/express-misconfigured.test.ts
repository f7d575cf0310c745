import type { AddressInfo } from 'node:net';
import type { Bridge } from '@smsbridge/core';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createExpressHandler } from '../src/index.js';

describe('createExpressHandler', () => {
  it('answers 500 misconfigured, naming the fix, when express.json() ate the raw body', async () => {
    let called = false;
    const bridge: Bridge = {
      fetch: async () => {
        called = true;
        return new Response(null, { status: 204 });
      },
    };
    const app = express();
    app.use(express.json());
    app.use('/bridge', createExpressHandler(bridge));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/bridge/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"message.new"}',
    });
    server.close();
    server.closeAllConnections();
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('misconfigured');
    expect(body.error.message).toContain('keepRawBody');
    expect(called).toBe(false);
  });

  it('passes the mount path, the client IP and the raw bytes to bridge.fetch', async () => {
    const seen: { url: string; basePath?: string; clientIp?: string; body: string }[] = [];
    const bridge: Bridge = {
      fetch: async (request, context) => {
        seen.push({ url: request.url, ...context, body: await request.text() });
        return new Response('ok', { headers: { 'x-from': 'bridge' } });
      },
    };
    const app = express();
    app.set('trust proxy', 'loopback');
    app.use('/bridge', createExpressHandler(bridge));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/bridge/sms?x=1`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': '198.51.100.4',
      },
      body: 'Body=caf%C3%A9',
    });
    server.close();
    server.closeAllConnections();
    expect(response.headers.get('x-from')).toBe('bridge');
    expect(seen).toEqual([
      {
        url: `http://127.0.0.1:${port}/bridge/sms?x=1`,
        basePath: '/bridge',
        clientIp: '198.51.100.4',
        body: 'Body=caf%C3%A9',
      },
    ]);
  });
});
