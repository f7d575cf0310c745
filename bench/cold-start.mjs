// Lambda cold starts on both paths that reach an SDK, each a whole fresh process (spawn to exit,
// the member's seeding taken off), interleaved with the eager-import baseline so drift on a shared
// machine hits both alike:
//   member:  a member's signed inbound text, posted to the chat (a Stream call);
//   mention: a signed Stream message.new mentioning one SMS member, who is texted (a Twilio call).
// The upstream answering both runs in its own process. The same paths are then measured bundled
// (esbuild, one minified ESM file as template.yaml builds it, nothing external) and run from an
// empty directory with no node_modules.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHANNEL,
  check,
  KEYS,
  MEMBER,
  median,
  round,
  signedChatEvent,
  signedSms,
  startUpstream,
} from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ENTRIES = {
  bridge: join(here, 'cold-start/handler.mjs'),
  eager: join(here, 'cold-start/eager.mjs'),
};
const HOST = 'bench.example.com';

/** The Lambda event (API Gateway HTTP API, payload 2.0) for one run of `path`, signed. */
function lambdaEvent(path, run) {
  const requestContext = { stage: '$default', http: { method: 'POST', sourceIp: '127.0.0.1' } };
  if (path === 'member') {
    const sid = `SM${String(run).padStart(32, '0')}`;
    const sms = signedSms(`https://${HOST}/sms`, { sid, body: 'hello from a phone' });
    return {
      expect: { post: `sms-${sid}` },
      event: {
        version: '2.0',
        rawPath: '/sms',
        headers: { host: HOST, ...sms.headers },
        body: sms.body,
        requestContext,
      },
    };
  }
  const chat = signedChatEvent({
    webhookId: `cold-${run}`,
    messageId: `cold-${run}`,
    text: `@${MEMBER.name} are you there?`,
    mentioned: [{ id: MEMBER.id, name: MEMBER.name }],
  });
  return {
    expect: { textTo: MEMBER.phone },
    event: {
      version: '2.0',
      rawPath: '/chat',
      headers: { host: HOST, ...chat.headers },
      body: chat.body,
      requestContext,
    },
  };
}

/**
 * Spawns `args` and resolves with the wall time to its answer (the first line it prints), the
 * wall time to exit, its exit code and its stdout. A Lambda's cold start ends with the answer: the
 * function is then frozen, not torn down. Tearing a process down after a `fetch` costs Node 20
 * about 100 ms (the exit waits for V8's background compilation of undici's WebAssembly HTTP
 * parser), which a Lambda never pays; the time to exit is still reported.
 */
function timeProcess(args, { env = {}, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let answerMs;
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      if (answerMs === undefined && out.includes('\n')) answerMs = performance.now() - started;
    });
    proc.once('error', reject);
    proc.once('close', (code) => {
      const ms = performance.now() - started;
      resolve({ answerMs: answerMs ?? ms, ms, code, out });
    });
  });
}

/**
 * One cold start of `entry` on `path`. Returns the milliseconds, or a failure (the answer, what
 * the bridge logged) when it did not answer as the path requires or the upstream did not see
 * exactly the one call it should.
 */
async function coldStart(entry, path, run, upstream, cwd) {
  const { event, expect } = lambdaEvent(path, run);
  await upstream.call('reset');
  const env = {
    BENCH_ENV: JSON.stringify({
      keys: KEYS,
      channel: CHANNEL,
      member: { id: MEMBER.id, name: MEMBER.name, phone: MEMBER.phone },
      upstreamUrl: upstream.url,
      event,
    }),
  };
  const { answerMs, ms, code, out } = await timeProcess([entry], { env, cwd });
  let answer;
  try {
    answer = JSON.parse(out);
  } catch {
    return { failure: `exit ${code}, no answer: ${out.trim().slice(0, 300)}` };
  }
  const counts = await upstream.call('counts');
  const answered =
    path === 'member'
      ? answer.status === 200 &&
        answer.body.includes('<Response') &&
        counts.posts === 1 &&
        counts.lastPost?.id === expect.post
      : answer.status === 200 &&
        JSON.parse(answer.body).texted === 1 &&
        counts.texts === 1 &&
        counts.textsTo[expect.textTo] === 1;
  if (!answered) {
    return {
      failure: `answered ${answer.status} (upstream saw ${counts.posts} posts, ${counts.texts} texts): ${answer.logged.at(-1) ?? 'nothing logged'}`,
    };
  }
  return { ms: answerMs - answer.seedMs, exitMs: ms - answer.seedMs, seedMs: answer.seedMs };
}

/** Bundles `entry` with esbuild into one ESM file in a fresh empty directory. */
function bundle(entry, name) {
  const esbuild = join(here, '../node_modules/.bin/esbuild');
  if (!existsSync(esbuild)) return { error: 'esbuild is not installed' };
  const dir = mkdtempSync(join(tmpdir(), `smsbridge-cold-${name}-`));
  const outfile = join(dir, `${name}.mjs`);
  const built = spawnSync(
    esbuild,
    [
      entry,
      '--bundle',
      '--format=esm',
      '--platform=node',
      '--target=node20',
      // As Chatty's template.yaml deploys it (Minify: true).
      '--minify',
      '--log-level=error',
      `--outfile=${outfile}`,
      // The usual recipe for ESM bundles of CommonJS packages (stream-chat, twilio): their
      // require() of Node's built-ins needs a require in scope. Nothing is marked external.
      `--banner:js=import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);`,
    ],
    { encoding: 'utf8' },
  );
  if (built.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { error: `esbuild failed: ${built.stderr.trim().slice(0, 300)}` };
  }
  // Run where nothing can be resolved from disk: no node_modules in the directory or above it.
  for (let up = dir; ; up = dirname(up)) {
    check(!existsSync(join(up, 'node_modules')), `${up} has a node_modules`);
    if (dirname(up) === up) break;
  }
  return { dir, file: outfile, kb: Math.round(statSync(outfile).size / 1024) };
}

export async function benchColdStart({ quick }) {
  const rounds = quick ? 2 : 15;
  // A smoke test needs the bundled variants once, not their figures.
  const bundledRounds = quick ? 1 : rounds;
  const upstream = await startUpstream();
  const bundles = {
    bridge: bundle(ENTRIES.bridge, 'bridge'),
    eager: bundle(ENTRIES.eager, 'eager'),
  };
  const times = {};
  const failures = {};
  const add = (key, ms) => {
    times[key] ??= [];
    times[key].push(ms);
  };
  const record = (key, result, strict) => {
    if (result.failure) {
      // Unbundled, every run must answer. Bundled, a failure is the result, reported as such.
      check(!strict, `cold start ${key}: ${result.failure}`);
      failures[key] ??= result.failure;
      return;
    }
    add(key, result.ms);
    add(`${key}_exit`, result.exitMs);
  };
  try {
    for (let r = 0; r < rounds; r += 1) {
      for (const path of ['member', 'mention']) {
        for (const kind of ['bridge', 'eager']) {
          const run = r * 100 + (kind === 'eager' ? 50 : 0);
          record(`${path}_${kind}`, await coldStart(ENTRIES[kind], path, run, upstream), true);
          const built = bundles[kind];
          if (r >= bundledRounds || built.error || failures[`bundled_${path}_${kind}`]) continue;
          const result = await coldStart(built.file, path, run + 1, upstream, built.dir);
          record(`bundled_${path}_${kind}`, result, false);
        }
      }
      const bare = await timeProcess(['-e', '0']);
      check(bare.code === 0, `node -e 0 exited ${bare.code}`);
      add('node', bare.ms);
    }
  } finally {
    await upstream.stop();
    for (const built of Object.values(bundles)) {
      if (built.dir) rmSync(built.dir, { recursive: true, force: true });
    }
  }
  const ms = (key) => (times[key] ? Math.round(median(times[key])) : undefined);
  const ratio = (a, b) => (ms(a) && ms(b) ? round(median(times[a]) / median(times[b])) : undefined);
  const bundled = { bundle_kb: bundles.bridge.kb, eager_bundle_kb: bundles.eager.kb };
  // Spawn to exit, for comparison with spawn to answer (the figures above): the same processes.
  const toExit = {};
  for (const path of ['member', 'mention']) {
    bundled[`${path}_ms`] = ms(`bundled_${path}_bridge`);
    bundled[`${path}_eager_ms`] = ms(`bundled_${path}_eager`);
    bundled[`${path}_ratio`] = ratio(`bundled_${path}_bridge`, `bundled_${path}_eager`);
    for (const kind of ['bridge', 'eager']) {
      const failure = bundles[kind].error ?? failures[`bundled_${path}_${kind}`];
      if (failure) bundled[`${path}${kind === 'eager' ? '_eager' : ''}_error`] = failure;
    }
    toExit[`${path}_ms`] = ms(`${path}_bridge_exit`);
    toExit[`${path}_eager_ms`] = ms(`${path}_eager_exit`);
    toExit[`${path}_ratio`] = ratio(`${path}_bridge_exit`, `${path}_eager_exit`);
    toExit[`bundled_${path}_ms`] = ms(`bundled_${path}_bridge_exit`);
    toExit[`bundled_${path}_eager_ms`] = ms(`bundled_${path}_eager_exit`);
    toExit[`bundled_${path}_ratio`] = ratio(
      `bundled_${path}_bridge_exit`,
      `bundled_${path}_eager_exit`,
    );
  }
  return {
    rounds,
    measured: 'spawn to answer (the first line the handler prints); to_exit: spawn to exit',
    node_ms: ms('node'),
    member_ms: ms('member_bridge'),
    member_eager_ms: ms('member_eager'),
    member_ratio: ratio('member_bridge', 'member_eager'),
    mention_ms: ms('mention_bridge'),
    mention_eager_ms: ms('mention_eager'),
    mention_ratio: ratio('mention_bridge', 'mention_eager'),
    bundled,
    to_exit: toExit,
  };
}
