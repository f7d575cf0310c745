import { connect } from 'node:net';

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
