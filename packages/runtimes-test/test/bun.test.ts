import { join } from 'node:path';
import { testBridgeMount } from '@smsbridge/testkit/conformance';
import { it } from 'vitest';
import { expectClientIpPassed } from './support/client-ip.js';
import { keepingLastReport, serveInChild, serversDir } from './support/mounts.js';
import { describeRuntime, findBun } from './support/runtimes.js';

describeRuntime('Bun', findBun(), (bun) => {
  const mount = keepingLastReport((env) =>
    serveInChild('bun', bun.path, ['run', join(serversDir, 'bun.ts')], env),
  );
  testBridgeMount({ name: `Bun ${bun.version}, Bun.serve in a child process`, start: mount.start });
  it('passes server.requestIP(request) as the client IP', () =>
    expectClientIpPassed(mount.kept.report));
});
