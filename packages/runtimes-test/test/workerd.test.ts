import { join } from 'node:path';
import { testBridgeMount } from '@smsbridge/testkit/conformance';
import { beforeAll, expect, it } from 'vitest';
import { expectClientIpPassed } from './support/client-ip.js';
import { fetchReport, keepingLastReport, serversDir, settle } from './support/mounts.js';
import { describeRuntime, findWorkerd } from './support/runtimes.js';
import { bundleWorker, serveWorker } from './support/worker.js';

describeRuntime('workerd', findWorkerd(), (workerd) => {
  let script = '';
  beforeAll(async () => {
    script = await bundleWorker(join(serversDir, 'worker.ts'));
  });
  const mount = keepingLastReport(async (env) => {
    const worker = await serveWorker(script, { BRIDGE_ENV: JSON.stringify(env) });
    return {
      url: `${worker.origin}/bridge`,
      origin: worker.origin,
      report: () => fetchReport(worker.origin),
      settled: () => settle(worker.origin),
      close: worker.close,
    };
  });
  testBridgeMount({
    name: `${workerd.version} (npm workerd ${workerd.workerdPackage}, miniflare ${workerd.miniflare}), a bundled Worker without nodejs_compat`,
    start: mount.start,
  });
  it('passes CF-Connecting-IP as the client IP, and ctx.waitUntil', () => {
    expectClientIpPassed(mount.kept.report);
    // The bridge answered Stream's webhooks with a mention first, and texted through waitUntil.
    expect(mount.kept.report?.waitUntilCalls).toBeGreaterThan(0);
  });
});
