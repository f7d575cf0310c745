// Memory, each figure from fresh processes started with --expose-gc (heap after a full GC):
//   bytes per retained dedupe key in the memory store against a bare Map of the same keys and
//   expiry timestamps (interleaved, median of the rounds);
//   the plateau: a long run's dedupe keys claimed in a store bounded by maxExpiringRecords, and
//   the same unbounded, for contrast;
//   what signed webhooks that text nobody leave behind in a bridge.
import { check, median, round, runChild } from './lib.mjs';

const GC = ['--expose-gc'];

export async function benchMemory({ quick }) {
  const keys = quick ? 20_000 : 200_000;
  const rounds = quick ? 1 : 3;
  const perKey = { store: [], map: [] };
  for (let r = 0; r < rounds; r += 1) {
    for (const kind of ['store', 'map']) {
      const env = { MEMORY_MODE: `keys-${kind}`, KEYS: String(keys) };
      perKey[kind].push(
        (await runChild('./memory-child.mjs', { env, execArgv: GC })).bytes_per_key,
      );
    }
  }
  const storeBytes = median(perKey.store);
  const mapBytes = median(perKey.map);

  const total = quick ? 100_000 : 1_000_000;
  const bound = quick ? 10_000 : 100_000;
  const plateau = async (limit) =>
    runChild('./memory-child.mjs', {
      env: { MEMORY_MODE: 'plateau', TOTAL: String(total), BOUND: String(limit) },
      execArgv: GC,
    });
  const bounded = await plateau(bound);
  // The unbounded contrast is for the full run's figures; the smoke test skips it.
  const unbounded = quick ? undefined : await plateau(Number.POSITIVE_INFINITY);
  check(bounded.most_records <= bound, `the bounded store held ${bounded.most_records} records`);
  check(bounded.warnings === 1, `the bounded store warned ${bounded.warnings} times, not once`);
  check(!unbounded || unbounded.most_records === total, 'the unbounded store lost keys');
  const full = bounded.samples.find((sample) => sample.keys >= bound);
  const half = bounded.samples.find((sample) => sample.keys >= total / 2);
  const last = bounded.samples.at(-1);

  const webhooks = await runChild('./memory-child.mjs', {
    env: { MEMORY_MODE: 'webhooks', WEBHOOKS: String(quick ? 5_000 : 50_000) },
    execArgv: GC,
  });
  return {
    keys,
    bytes_per_key: Math.round(storeBytes),
    map_bytes_per_key: Math.round(mapBytes),
    bytes_per_key_vs_map: round(storeBytes / mapBytes),
    plateau: {
      keys: total,
      bound,
      heap_mb_at_bound: full.heap_mb,
      heap_mb_at_end: last.heap_mb,
      // Plateaued: what the second half of the keys added to the heap.
      growth_second_half_mb: round(last.heap_mb - half.heap_mb, 1),
      unbounded_heap_mb_at_end: unbounded?.samples.at(-1).heap_mb,
      samples_mb: bounded.samples.map((sample) => sample.heap_mb),
      us_per_claim: round(bounded.us_per_claim),
      unbounded_us_per_claim: unbounded && round(unbounded.us_per_claim),
    },
    webhooks: webhooks.webhooks,
    webhooks_heap_growth_mb: webhooks.heap_growth_mb,
  };
}
