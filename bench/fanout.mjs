// One message.new mentioning N members, Twilio answering each send after 50 ms: the bridge's
// bounded-concurrency fan-out against one-at-a-time sends (what the tutorial did).
import { benchBridge, check, KEYS, signedChatEvent, startEmulators } from './lib.mjs';

async function timeFanOut(recipients, concurrency) {
  const emulators = await startEmulators({ twilioLatencyMs: 50 });
  // This measures how long texting everyone takes, so the throttle (30 texts per author a
  // minute) and the answer deadline (5 s; the one-at-a-time baseline takes 10) are lifted.
  const { bridge, store } = benchBridge(emulators, {
    fanOutConcurrency: concurrency,
    throttle: { textsPerAuthorPerMinute: recipients },
    answerTimeoutMs: 120_000,
  });
  const mentioned = [];
  for (let i = 0; i < recipients; i += 1) {
    const id = `member-${i}`;
    await store.upsertMember({
      phone: `+1415556${String(i).padStart(4, '0')}`,
      name: `M${i}`,
      verified: true,
      newId: id,
    });
    mentioned.push({ id, name: `M${i}` });
  }
  const event = signedChatEvent({
    webhookId: `fan-${concurrency}`,
    messageId: 'm1',
    text: 'hello all',
    mentioned,
  });
  const started = performance.now();
  const response = await bridge.fetch(
    new Request('http://bench/chat', { method: 'POST', headers: event.headers, body: event.body }),
  );
  const elapsed = performance.now() - started;
  const answer = await response.json();
  check(response.status === 200, `fan-out answered ${response.status}`);
  const sent = emulators.twilio.messages.filter((m) => m.from === KEYS.number);
  check(answer.texted === recipients, `fan-out texted ${answer.texted} of ${recipients}`);
  check(
    new Set(sent.map((m) => m.to)).size === recipients && sent.length === recipients,
    'every text sent exactly once',
  );
  await emulators.close();
  await store.close();
  return elapsed;
}

export async function benchFanout({ quick }) {
  const recipients = quick ? 40 : 200;
  const sequential_ms = await timeFanOut(recipients, 1);
  const concurrent_ms = await timeFanOut(recipients, 8);
  const concurrent40_ms = await timeFanOut(recipients, 40);
  return {
    recipients,
    latency_ms: 50,
    concurrent_ms: Math.round(concurrent_ms),
    sequential_ms: Math.round(sequential_ms),
    speedup: +(sequential_ms / concurrent_ms).toFixed(1),
    concurrency: 8,
    concurrent40_ms: Math.round(concurrent40_ms),
    speedup40: +(sequential_ms / concurrent40_ms).toFixed(1),
  };
}
