// One message.new mentioning N members, the upstream (its own process) answering each text after
// 50 ms: the bridge's bounded-concurrency fan-out against one-at-a-time sends (what the tutorial
// did). Each fan-out runs in a fresh process, after a warm-up text loads the Twilio SDK.
import { check, round, runChild, startUpstream } from './lib.mjs';

const LATENCY_MS = 50;

async function timeFanOut(upstream, recipients, concurrency) {
  await upstream.call('reset');
  const result = await runChild('./fanout-child.mjs', {
    env: {
      UPSTREAM_URL: upstream.url,
      RECIPIENTS: String(recipients),
      CONCURRENCY: String(concurrency),
    },
  });
  const counts = await upstream.call('counts');
  check(result.status === 200, `fan-out answered ${result.status}: ${result.logged.last}`);
  check(result.texted === recipients, `fan-out texted ${result.texted} of ${recipients}`);
  const toEach = Object.values(counts.textsTo);
  check(
    counts.texts === recipients + 1 &&
      toEach.length === recipients + 1 &&
      toEach.every((n) => n === 1),
    `every member texted exactly once (${counts.texts} texts to ${toEach.length} numbers)`,
  );
  return result.ms;
}

export async function benchFanout({ quick }) {
  const recipients = quick ? 40 : 200;
  const upstream = await startUpstream({ latencyMs: LATENCY_MS });
  try {
    const sequential = await timeFanOut(upstream, recipients, 1);
    const concurrent = await timeFanOut(upstream, recipients, 8);
    const concurrent40 = await timeFanOut(upstream, recipients, 40);
    return {
      recipients,
      latency_ms: LATENCY_MS,
      sequential_ms: Math.round(sequential),
      concurrent_ms: Math.round(concurrent),
      speedup: round(sequential / concurrent, 1),
      concurrency: 8,
      concurrent40_ms: Math.round(concurrent40),
      speedup40: round(sequential / concurrent40, 1),
    };
  } finally {
    await upstream.stop();
  }
}
