// The load generator, in its own process: autocannon sending signed inbound texts from the member,
// each with its own MessageSid. The texts are signed before the clock starts, so signing takes
// no CPU from the processes being measured while they run.
import autocannon from 'autocannon';
import { serveParent } from './child.mjs';
import { signedSms } from './lib.mjs';

/** Enough signed texts for `seconds` at a rate far above what either server reaches here. */
function presign(url, prefix, count) {
  return Array.from({ length: count }, (_, i) =>
    signedSms(url, { sid: `SM${prefix}${String(i).padStart(30, '0')}`, body: `load ${i}` }),
  );
}

async function run({ url, seconds, connections, prefix }) {
  const texts = presign(url, prefix, seconds * 6_000);
  let sent = 0;
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest(request) {
          // Past the pre-signed ones, sign on the fly (reported as signed_during_run).
          const sms =
            texts[sent] ?? signedSms(url, { sid: `SM${prefix}x${sent}`, body: `load ${sent}` });
          sent += 1;
          return { ...request, method: 'POST', headers: sms.headers, body: sms.body };
        },
      },
    ],
  });
  const cpuUsed = process.cpuUsage(cpu);
  return {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    duration: result.duration,
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    presigned: texts.length,
    sent,
    cpuMicros: cpuUsed.user + cpuUsed.system,
  };
}

serveParent({}, { run });
