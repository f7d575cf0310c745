import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningChatty, startChatty } from '../server/app.js';
import { loadConfig } from '../server/config.js';

let chatty: RunningChatty;
beforeAll(async () => {
  chatty = await startChatty(
    loadConfig({ PORT: '0', STREAM_EMULATOR_PORT: '0', TWILIO_EMULATOR_PORT: '0' }),
    '/nonexistent-web-root',
  );
});
afterAll(() => chatty.close());

it('closes a connection that sends its body too slowly, with 408 (item 16)', async () => {
  const { port } = new URL(chatty.url);
  const giveUpMs = 18_000;
  const closed = await new Promise<{ afterMs: number; answer: string }>((resolve) => {
    const started = performance.now();
    let answer = '';
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.write(
        'POST /bridge/auth HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{',
      ),
    );
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ afterMs: performance.now() - started, answer });
    });
  });
  expect(closed.afterMs).toBeLessThan(giveUpMs - 1_000);
  expect(closed.answer).toMatch(/^HTTP\/1\.1 408 /);
});
