// RSS before and after many signed message.new webhooks with distinct ids: what a day of
// traffic leaves behind in one process. Dedupe is per text (message, member), so messages that
// text nobody, as these, leave nothing in the store; what grows is the bridge's own state.
import { benchBridge, check, signedChatEvent, startEmulators } from './lib.mjs';

export async function benchMemory({ quick }) {
  const webhooks = quick ? 5_000 : 50_000;
  const emulators = await startEmulators();
  const { bridge, store } = benchBridge(emulators);
  const send = async (i) => {
    const event = signedChatEvent({
      webhookId: `mem-${i}`,
      messageId: `m-${i}`,
      text: `message ${i}`,
    });
    const response = await bridge.fetch(
      new Request('http://bench/chat', {
        method: 'POST',
        headers: event.headers,
        body: event.body,
      }),
    );
    await response.arrayBuffer();
    return response.status;
  };
  for (let i = 0; i < 1_000; i += 1) await send(-i - 1); // warm up JIT and pools before measuring
  globalThis.gc?.();
  const before = process.memoryUsage();
  let ok = 0;
  for (let i = 0; i < webhooks; i += 1) if ((await send(i)) === 200) ok += 1;
  globalThis.gc?.();
  const after = process.memoryUsage();
  check(ok === webhooks, `${webhooks - ok} webhooks were not answered 200`);
  check((await send(0)) === 200, 'a replayed webhook is still answered');
  await emulators.close();
  await store.close();
  const mb = (bytes) => +(bytes / 1024 / 1024).toFixed(1);
  return {
    webhooks,
    rss_growth_mb: mb(after.rss - before.rss),
    heap_growth_mb: mb(after.heapUsed - before.heapUsed),
  };
}
