import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StreamEmulator, startStreamEmulator } from '../src/stream/index.js';

const apiKey = 'fault-test-key';
const apiSecret = 'fault-test-secret';

describe('Stream emulator faults, as the stream-chat SDK meets them', () => {
  let stream: StreamEmulator;
  let server: StreamChat;
  const general = () => server.channel('messaging', 'general');

  beforeAll(async () => {
    stream = await startStreamEmulator({ apiKey, apiSecret });
    server = new StreamChat(apiKey, apiSecret, { baseURL: stream.url, timeout: 500 });
    await server.upsertUsers([{ id: 'alice' }, { id: 'bot' }]);
    await server.channel('messaging', 'general', { created_by_id: 'alice' }).create();
  });
  afterAll(() => stream.close());

  it("fails matching calls with Stream's rate-limit error, only as often as told", async () => {
    const remove = stream.addFault({
      method: 'POST',
      path: /\/message$/,
      match: (body) => (body.message as { user_id?: string }).user_id === 'bot',
      status: 429,
      times: 2,
    });
    await expect(general().sendMessage({ text: 'ok', user_id: 'alice' })).resolves.toBeTruthy();
    for (const attempt of [1, 2]) {
      await expect(
        general().sendMessage({ text: `no ${attempt}`, user_id: 'bot' }),
        `attempt ${attempt}`,
      ).rejects.toMatchObject({ code: 9, status: 429 });
    }
    await expect(general().sendMessage({ text: 'yes', user_id: 'bot' })).resolves.toBeTruthy();
    remove();
    expect(stream.getMessages('messaging:general').map((m) => m.text)).toEqual(['ok', 'yes']);
  });

  it('answers late, or never (the SDK gives up on its own timeout), until the fault is removed', async () => {
    const late = stream.addFault({ path: /^\/users$/, delayMs: 50, times: 1 });
    await expect(server.queryUsers({ id: 'alice' })).resolves.toMatchObject({ users: [{}] });
    late();
    const hang = stream.addFault({ hang: true });
    await expect(server.queryUsers({ id: 'alice' })).rejects.toThrow(/timeout/i);
    hang();
    await expect(server.queryUsers({ id: 'alice' })).resolves.toMatchObject({ users: [{}] });
  });
});
