import { afterAll, beforeAll, expect, it } from 'vitest';
import { stallingClient } from '../../../packages/testkit/test/support/stalling-client.js';
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
  const closed = await stallingClient(
    Number(port),
    'POST /bridge/auth HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{',
    giveUpMs,
  );
  expect(closed.closedAfterMs).toBeLessThan(giveUpMs - 1_000);
  expect(closed.answer).toMatch(/^HTTP\/1\.1 408 /);
});
