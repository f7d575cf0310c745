import { connect } from 'node:net';
import { expect } from 'vitest';

/**
 * Opens a raw connection to `port` that sends `head` and then nothing more, as a slow-header or
 * slow-body client does; resolves with how long the server kept it open and what it answered
 * (the client gives up after `giveUpMs`).
 */
export function stallingClient(port: number, head: string, giveUpMs: number) {
  return new Promise<{ closedAfterMs: number; answer: string }>((resolve) => {
    const started = performance.now();
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ closedAfterMs: performance.now() - started, answer });
    });
  });
}

/**
 * A server under `/bridge` closes a connection that has sent only part of its headers, or of its
 * body, well before the client would give up (18 s).
 */
export async function expectSlowClientsClosed(port: number): Promise<void> {
  const giveUpMs = 18_000;
  const [slowBody, slowHeaders] = await Promise.all([
    stallingClient(
      port,
      'POST /bridge/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      giveUpMs,
    ),
    stallingClient(port, 'POST /bridge/chat HTTP/1.1\r\nHost: x\r\n', giveUpMs),
  ]);
  for (const client of [slowBody, slowHeaders]) {
    expect(client.closedAfterMs).toBeLessThan(giveUpMs - 1_000);
    expect(client.answer).toMatch(/^HTTP\/1\.1 408 |^$/);
  }
}
