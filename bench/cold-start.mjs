// A Lambda cold start, measured as whole fresh processes (spawn to exit), interleaved with the
// eager-import baseline so drift on a shared machine hits both alike.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { signTwilioRequest } from '@smsbridge/testkit';
import { check, KEYS, median, startEmulators } from './lib.mjs';

const child = fileURLToPath(new URL('./cold-start-child.mjs', import.meta.url));

function run(env, eager) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const params = {
      MessageSid: `SM${Math.random().toString(16).slice(2)}`,
      From: '+14155550999',
      To: KEYS.number,
      Body: 'hello',
    };
    const signature = signTwilioRequest(KEYS.authToken, 'https://bench.example.com/sms', params);
    const proc = spawn(process.execPath, [child], {
      env: {
        ...process.env,
        BENCH_ENV: JSON.stringify({ ...env, params, signature }),
        EAGER: eager ? '1' : '0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    proc.once('error', reject);
    proc.once('exit', (code) => resolve({ ms: performance.now() - started, code }));
  });
}

export async function benchColdStart({ quick }) {
  const runs = quick ? 3 : 11;
  const emulators = await startEmulators();
  const env = {
    ...KEYS,
    streamUrl: emulators.stream.url,
    twilioUrl: emulators.twilio.url,
  };
  const bridgeTimes = [];
  const eagerTimes = [];
  for (let i = 0; i < runs; i += 1) {
    for (const [eager, times] of [
      [false, bridgeTimes],
      [true, eagerTimes],
    ]) {
      const { ms, code } = await run(env, eager);
      check(
        code === 0,
        `cold start (${eager ? 'eager' : 'bridge'}) did not answer 200 with TwiML (exit ${code})`,
      );
      times.push(ms);
    }
  }
  await emulators.close();
  const bridge_ms = median(bridgeTimes);
  const eager_ms = median(eagerTimes);
  return {
    runs,
    bridge_ms: Math.round(bridge_ms),
    eager_ms: Math.round(eager_ms),
    ratio: +(bridge_ms / eager_ms).toFixed(2),
  };
}
