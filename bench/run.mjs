// npm run bench [-- --quick]: every benchmark against a baseline measured in the same run; prints
// a table and writes bench/results.json (--quick, the CI smoke test, writes results-quick.json,
// which git ignores, so it never overwrites a full run's figures). Exits 1 only when a benchmark
// errors or a correctness check inside it fails, never because of a timing.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { benchColdStart } from './cold-start.mjs';
import { benchFanout } from './fanout.mjs';
import { benchInbound } from './inbound.mjs';
import { benchMemory } from './memory.mjs';
import { benchMentions } from './mentions.mjs';

const quick = process.argv.includes('--quick');
const results = {
  quick,
  machine: `${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  // How busy the machine was (1-minute load average, the build just before included) when the
  // benchmarks started: the ratios hold against it better than the absolute figures.
  load_average_at_start: +loadavg()[0].toFixed(1),
};
const bundledLine = (b, path) =>
  b[`${path}_ratio`] !== undefined
    ? `${path} ${b[`${path}_ratio`]} (${b[`${path}_ms`]} vs ${b[`${path}_eager_ms`]} ms)`
    : `${path} FAILS: ${b[`${path}_error`] ?? b[`${path}_eager_error`]}`;
const goals = {
  inbound: (r) =>
    `ratio ${r.ratio} (goal ≥ 0.6), ${r.bridge_rps} vs ${r.floor_rps} req/s, p99 ${r.p99_ms} ms, CPU ${r.bridge_cpu_us_per_request} vs ${r.floor_cpu_us_per_request} µs per request`,
  fanout: (r) =>
    `speedup ${r.speedup}× at concurrency 8, ${r.speedup40}× at 40 (goal ≥ 20), ${r.recipients} recipients`,
  coldStart: (r) =>
    `member ratio ${r.member_ratio} (${r.member_ms} vs ${r.member_eager_ms} ms), mention ratio ${r.mention_ratio} (${r.mention_ms} vs ${r.mention_eager_ms} ms) (goal ≤ 0.4), node -e 0 ${r.node_ms} ms, median of ${r.rounds}\n           bundled: ${bundledLine(r.bundled, 'member')}; ${bundledLine(r.bundled, 'mention')}`,
  memory: (r) =>
    `${r.bytes_per_key} vs ${r.map_bytes_per_key} bytes per dedupe key, ratio ${r.bytes_per_key_vs_map} vs a Map (goal ≤ 1.1); bounded at ${r.plateau.bound.toLocaleString('en')}: heap ${r.plateau.heap_mb_at_bound} MB when full, ${r.plateau.heap_mb_at_end} MB after ${r.plateau.keys.toLocaleString('en')} keys, ${r.plateau.growth_second_half_mb} MB of it from the second half${r.plateau.unbounded_heap_mb_at_end === undefined ? '' : ` (unbounded: ${r.plateau.unbounded_heap_mb_at_end} MB)`}; ${r.webhooks_heap_growth_mb} MB heap growth over ${r.webhooks} webhooks`,
  mentions: (r) =>
    `ratio ${r.ratio} (goal ≤ 1.5), ${r.large_ms_per_text} vs ${r.small_ms_per_text} ms per text, ${r.members_large.toLocaleString('en')} vs ${r.members_small} members`,
};
let failed = false;
for (const [name, bench] of Object.entries({
  inbound: benchInbound,
  fanout: benchFanout,
  coldStart: benchColdStart,
  memory: benchMemory,
  mentions: benchMentions,
})) {
  const started = performance.now();
  try {
    results[name] = await bench({ quick });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`${name.padEnd(10)} ${goals[name](results[name])} [${seconds} s]`);
  } catch (error) {
    failed = true;
    results[name] = { error: error instanceof Error ? error.message : String(error) };
    console.error(`${name.padEnd(10)} FAILED: ${results[name].error}`);
  }
}
/** JSON as the repository's formatter writes it: short arrays of plain values on one line. */
const json = JSON.stringify(results, null, 2).replace(
  /\[\n\s*([^[\]{}]*?)\n\s*\]/g,
  (whole, items, offset, text) => {
    const inline = `[${items.split(/,\n\s*/).join(', ')}]`;
    const column = offset - text.lastIndexOf('\n', offset) - 1;
    return column + inline.length + 1 <= 100 ? inline : whole;
  },
);
const file = quick ? 'results-quick.json' : 'results.json';
writeFileSync(new URL(`./${file}`, import.meta.url), `${json}\n`);
console.log(`machine    ${results.machine}\nwrote bench/${file}`);
process.exit(failed ? 1 : 0);
