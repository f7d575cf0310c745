// What the benchmarks share on the parent's side: the keys, signed webhooks, correctness checks,
// and the child processes every measured piece runs in. The parent only starts, signals and
// reads its children: nothing it does competes inside a process being measured.
import { fork, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { signTwilioRequest, streamWebhookRequest } from '@smsbridge/testkit';

export const KEYS = {
  apiKey: 'bench-key',
  apiSecret: 'bench-secret',
  accountSid: `AC${'b'.repeat(32)}`,
  authToken: 'bench-token',
  number: '+15005550006',
};
export const CHANNEL = { type: 'messaging', id: 'bench', name: 'Bench' };
/** The SMS member every inbound text comes from, and every mention texts. */
export const MEMBER = { id: 'bench-member', name: 'Ada Lovelace', phone: '+14155550123' };

/** A signed inbound SMS form for `url`. */
export function signedSms(url, { sid, from = MEMBER.phone, body }) {
  const params = { MessageSid: sid, From: from, To: KEYS.number, Body: body };
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(KEYS.authToken, url, params),
    },
  };
}

/** A signed Stream message.new webhook. */
export function signedChatEvent({ webhookId, messageId, text, mentioned = [] }) {
  return streamWebhookRequest(
    KEYS.apiSecret,
    {
      type: 'message.new',
      channel_type: CHANNEL.type,
      channel_id: CHANNEL.id,
      message: {
        id: messageId,
        text,
        user: { id: 'web-user', name: 'Web User' },
        mentioned_users: mentioned,
        created_at: new Date().toISOString(),
      },
    },
    webhookId,
  );
}

/** Fails the run (exit code 1 at the end) when a correctness check inside a benchmark fails. */
export function check(condition, message) {
  if (!condition) throw new Error(`correctness check failed: ${message}`);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round = (value, digits = 2) => +value.toFixed(digits);

/**
 * Runs `script` (relative to bench/) in its own Node process and waits for it to say it is ready
 * (see `serveParent` in child.mjs). `call(type, payload)` asks it something over IPC; `stop()`
 * disconnects, which makes it exit (and write a CPU profile if it was asked for one).
 */
export function startChild(script, { env = {}, execArgv = [] } = {}) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const proc = fork(path, [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map();
  let nextId = 0;
  const exited = new Promise((resolve) => {
    proc.once('exit', (code, signal) => {
      for (const { reject } of pending.values())
        reject(new Error(`${script} exited (${signal ?? code})`));
      pending.clear();
      resolve(code);
    });
  });
  proc.on('message', (message) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error) waiting.reject(new Error(`${script}: ${message.error}`));
    else waiting.resolve(message.result);
  });
  const call = (type, payload) =>
    new Promise((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      proc.send({ id: nextId, type, payload });
    });
  const stop = async () => {
    if (proc.connected) proc.disconnect();
    const timer = setTimeout(() => proc.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    proc.on('message', (message) => {
      if (message.ready) resolve({ ...message.ready, pid: proc.pid, call, stop });
    });
    proc.once('error', reject);
    exited.then((code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
}

/** The upstream (Stream's and Twilio's APIs, answered with fixed JSON) in its own process. */
export function startUpstream({ latencyMs = 0 } = {}) {
  return startChild('./upstream.mjs', { env: { UPSTREAM_LATENCY_MS: String(latencyMs) } });
}

/** CPU microseconds (user + system) between two `process.cpuUsage()` readings. */
export function cpuMicros(before, after) {
  return after.user - before.user + (after.system - before.system);
}

/**
 * Runs `script` (relative to bench/) to its end in a fresh Node process and returns the JSON it
 * printed last; rejects when it fails.
 */
export function runChild(script, { env = {}, execArgv = [] } = {}) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...execArgv, path], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
    });
    proc.once('error', reject);
    proc.once('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0) {
        try {
          return resolve(JSON.parse(last));
        } catch {}
      }
      reject(new Error(`${script} exited ${code}: ${last.slice(0, 300)}`));
    });
  });
}
