import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createBridge } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import { createMemoryStore } from '@smsbridge/store-memory';
import express from 'express';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressHandler } from '../src/index.js';

/** A real bridge; the requests here never reach Stream or Twilio, so their URLs are never called. */
const bridge = createBridge({
  chat: createStreamChatTransport({ apiKey: 'key', apiSecret: 'secret' }),
  sms: createTwilioSmsTransport({
    accountSid: `AC${'0'.repeat(32)}`,
    authToken: 't',
    from: '+15005550006',
  }),
  store: createMemoryStore(),
  channel: { type: 'messaging', id: 'general' },
});

describe('a keep-alive connection after an answer that left the body unread (item 14)', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    const app = express();
    app.use('/bridge', createExpressHandler(bridge));
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Two ordinary requests on `agent` after the oversized one: both must be answered. */
  async function twoMoreOn(agent: Agent) {
    const unsigned = await request(`${origin}/bridge/chat`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json' },
      body: '{"type":"message.new"}',
    });
    expect(unsigned.statusCode).toBe(401);
    await unsigned.body.dump();
    const health = await request(`${origin}/bridge/health`, { dispatcher: agent });
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toEqual({ status: 'ok' });
  }

  it('answers the next two requests on the same pooled agent after a declared oversized body', async () => {
    // One connection in the pool, so the follow-up requests must reuse (or replace) it.
    const agent = new Agent({ connections: 1, pipelining: 1 });
    try {
      const big = await request(`${origin}/bridge/chat`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(200_000, 'a'),
      });
      expect(big.statusCode).toBe(413);
      await big.body.dump();
      await twoMoreOn(agent);
    } finally {
      await agent.close();
    }
  });

  it('answers 413 and the next two requests after a chunked body that grows too large', async () => {
    const agent = new Agent({ connections: 1, pipelining: 1 });
    async function* chunks() {
      for (let i = 0; i < 20; i += 1) yield Buffer.alloc(10_000, 'b');
    }
    try {
      const big = await request(`${origin}/bridge/chat`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: Readable.from(chunks()),
      });
      expect(big.statusCode).toBe(413);
      await big.body.dump();
      await twoMoreOn(agent);
    } finally {
      await agent.close();
    }
  });
});
