// Memory measurements, each in a fresh process started with --expose-gc, heap read after a full GC
// (MEMORY_MODE picks one; the parent reads the JSON printed last):
//   keys-store / keys-map: the heap that KEYS retained dedupe keys cost in the memory store, and
//     in a bare Map of the same keys to their expiry timestamps;
//   plateau: TOTAL webhooks' dedupe keys claimed in a store bounded at BOUND (or unbounded with
//     BOUND=Infinity), the heap sampled along the way;
//   webhooks: WEBHOOKS signed message.new webhooks through a bridge; what they leave behind.
import { createMemoryStore } from '@smsbridge/store-memory';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const env = (name) => Number(process.env[name]);
const DAY = 24 * 3600;
/**
 * An inbound text's dedupe key as the bridge builds it: `sms:` before a MessageSid read off the
 * wire (a flat string, as parsing a form gives), which makes a cons string V8 keeps both parts of.
 */
const dedupeKey = (i) => {
  const sid = Buffer.from(`SM${i.toString(16).padStart(32, '0')}`).toString('latin1');
  return `sms:${sid}`;
};
const heap = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes) => +(bytes / 2 ** 20).toFixed(1);

async function keys(kind) {
  const count = env('KEYS');
  const store = createMemoryStore({ maxExpiringRecords: Number.POSITIVE_INFINITY });
  const map = new Map();
  const before = heap();
  if (kind === 'store') {
    for (let i = 0; i < count; i += 1) await store.claimKey(dedupeKey(i), DAY);
  } else {
    for (let i = 0; i < count; i += 1) map.set(dedupeKey(i), Date.now() + DAY * 1000);
  }
  const after = heap();
  const held = kind === 'store' ? store.size() : map.size;
  if (held !== count) throw new Error(`${kind} holds ${held} keys of ${count}`);
  return { bytes_per_key: (after - before) / count };
}

async function plateau() {
  const total = env('TOTAL');
  const bound = env('BOUND');
  let warnings = 0;
  const store = createMemoryStore({
    maxExpiringRecords: bound,
    warn: () => {
      warnings += 1;
    },
  });
  const base = heap();
  const samples = [];
  let most = 0;
  let claiming = 0;
  const step = total / 10;
  for (let i = 0; i < total; i += step) {
    const started = performance.now();
    for (let j = i; j < i + step; j += 1) {
      if (!(await store.claimKey(dedupeKey(j), DAY))) throw new Error(`key ${j} was held`);
      most = Math.max(most, store.size());
    }
    claiming += performance.now() - started;
    samples.push({ keys: i + step, heap_mb: mb(heap() - base), records: store.size() });
  }
  return { samples, most_records: most, warnings, us_per_claim: (claiming * 1000) / total };
}

async function webhooks() {
  const count = env('WEBHOOKS');
  const { benchBridge } = await import('./bridge.mjs');
  const { signedChatEvent } = await import('./lib.mjs');
  // Messages that mention nobody call nothing upstream: a closed port makes any call fail.
  const { bridge } = benchBridge('http://127.0.0.1:9');
  const send = async (i) => {
    const event = signedChatEvent({ webhookId: `mem-${i}`, messageId: `m-${i}`, text: `hi ${i}` });
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
  for (let i = 0; i < 1_000; i += 1) await send(-i - 1); // JIT and pools warm before measuring
  const before = heap();
  let ok = 0;
  for (let i = 0; i < count; i += 1) if ((await send(i)) === 200) ok += 1;
  const after = heap();
  if (ok !== count) throw new Error(`${count - ok} webhooks were not answered 200`);
  if ((await send(0)) !== 200) throw new Error('a replayed webhook was not answered');
  return { webhooks: count, heap_growth_mb: mb(after - before) };
}

const mode = process.env.MEMORY_MODE;
const modes = {
  'keys-store': () => keys('store'),
  'keys-map': () => keys('map'),
  plateau,
  webhooks,
};
process.stdout.write(`${JSON.stringify(await modes[mode]())}\n`);
