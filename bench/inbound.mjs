// Signed inbound SMS through the Express adapter under load, against a floor: a bare node:http
// server doing the same one upstream call (a Stream message post) per request. The upstream, the
// load generator, the bridge and the floor each run in their own process, so neither server
// shares its process with anything else; bridge and floor take turns, in interleaved rounds.
import { setTimeout as sleep } from 'node:timers/promises';
import { check, cpuMicros, median, round, startChild, startUpstream } from './lib.mjs';

const CONNECTIONS = 10;

/** One measured run of `seconds` against `server`; the checks hold for every round. */
async function measure(name, server, upstream, load, { seconds, prefix }) {
  await upstream.call('reset');
  const [serverBefore, upstreamBefore] = [
    await server.call('window'),
    await upstream.call('usage'),
  ];
  const run = await load.call('run', {
    url: server.url,
    seconds,
    connections: CONNECTIONS,
    prefix,
  });
  await sleep(300); // requests cut off by the end of the run still finish their upstream call
  const [serverAfter, upstreamAfter] = [await server.call('window'), await upstream.call('usage')];
  const counts = await upstream.call('counts');
  const received = serverAfter.received - serverBefore.received;
  const wallMicros = run.duration * 1e6;
  check(
    run.non2xx === 0 && run.errors === 0 && run.timeouts === 0,
    `${name}: ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts`,
  );
  check(
    serverAfter.logged.error === serverBefore.logged.error,
    `${name} logged an error: ${serverAfter.logged.last}`,
  );
  check(
    counts.duplicates.length === 0 && counts.posts === counts.distinctPosts,
    `${name}: texts posted more than once (${counts.duplicates.join(', ')})`,
  );
  check(
    counts.posts === received,
    `${name}: ${counts.posts} texts posted for ${received} requests received`,
  );
  check(
    run.ok <= received && received <= run.ok + CONNECTIONS,
    `${name}: ${received} requests received for ${run.ok} answers`,
  );
  return {
    rps: run.rps,
    ok: run.ok,
    duration: run.duration,
    p99: run.p99,
    signedDuringRun: Math.max(0, run.sent - run.presigned),
    cpuPerRequest: cpuMicros(serverBefore.cpu, serverAfter.cpu) / received,
    share: {
      server: cpuMicros(serverBefore.cpu, serverAfter.cpu) / wallMicros,
      upstream: cpuMicros(upstreamBefore.cpu, upstreamAfter.cpu) / wallMicros,
      load: run.cpuMicros / wallMicros,
    },
  };
}

export async function benchInbound({ quick }) {
  const seconds = quick ? 3 : 6;
  const rounds = quick ? 1 : 5;
  const upstream = await startUpstream();
  const env = { UPSTREAM_URL: upstream.url };
  // BENCH_PROFILE=dir writes a CPU profile of the bridge's process there (node --cpu-prof).
  const profile = process.env.BENCH_PROFILE;
  const servers = {
    bridge: await startChild('./inbound-bridge.mjs', {
      env,
      execArgv: profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [],
    }),
    floor: await startChild('./inbound-floor.mjs', { env }),
  };
  const load = await startChild('./load.mjs');
  try {
    const runs = { bridge: [], floor: [] };
    for (const [name, server] of Object.entries(servers)) {
      await measure(name, server, upstream, load, { seconds: quick ? 1 : 3, prefix: `W${name}` });
    }
    for (let r = 0; r < rounds; r += 1) {
      // Alternate who goes first, so drift on a shared machine hits both alike.
      const order = r % 2 ? ['floor', 'bridge'] : ['bridge', 'floor'];
      for (const name of order) {
        const prefix = `${name === 'bridge' ? 'B' : 'F'}${r}`;
        runs[name].push(await measure(name, servers[name], upstream, load, { seconds, prefix }));
      }
    }
    // Medians over the rounds; the ratio is the median of each round's bridge ÷ floor.
    const mid = (list, pick) => median(list.map(pick));
    const share = (list, who) => round(mid(list, (run) => run.share[who]));
    const ratios = runs.bridge.map((run, i) => run.rps / runs.floor[i].rps);
    return {
      ratio: round(median(ratios)),
      round_ratios: ratios.map((ratio) => round(ratio)),
      bridge_rps: Math.round(mid(runs.bridge, (run) => run.rps)),
      floor_rps: Math.round(mid(runs.floor, (run) => run.rps)),
      p99_ms: mid(runs.bridge, (run) => run.p99),
      floor_p99_ms: mid(runs.floor, (run) => run.p99),
      bridge_cpu_us_per_request: Math.round(mid(runs.bridge, (run) => run.cpuPerRequest)),
      floor_cpu_us_per_request: Math.round(mid(runs.floor, (run) => run.cpuPerRequest)),
      // Cores' worth of CPU each process used while the load ran (2 cores in all here; a process
      // can pass 1.0 with its GC threads): the upstream and the load generator must stay well
      // below a full core, so neither is the bottleneck.
      cpu_share_bridge_run: {
        bridge: share(runs.bridge, 'server'),
        upstream: share(runs.bridge, 'upstream'),
        load: share(runs.bridge, 'load'),
      },
      cpu_share_floor_run: {
        floor: share(runs.floor, 'server'),
        upstream: share(runs.floor, 'upstream'),
        load: share(runs.floor, 'load'),
      },
      connections: CONNECTIONS,
      seconds,
      rounds,
      // Texts the load generator had to sign while measuring (past its pre-signed ones): when not
      // 0, it took CPU from the machine during the runs.
      signed_during_run: [...runs.bridge, ...runs.floor].reduce(
        (n, run) => n + run.signedDuringRun,
        0,
      ),
    };
  } finally {
    await Promise.all([servers.bridge.stop(), servers.floor.stop(), load.stop(), upstream.stop()]);
  }
}
