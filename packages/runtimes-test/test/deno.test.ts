import { join } from 'node:path';
import { testBridgeMount } from '@smsbridge/testkit/conformance';
import { it } from 'vitest';
import { expectClientIpPassed } from './support/client-ip.js';
import { keepingLastReport, serveInChild, serversDir } from './support/mounts.js';
import { describeRuntime, findDeno } from './support/runtimes.js';

describeRuntime('Deno', findDeno(), (deno) => {
  // Only the permissions the bridge needs: the network (serve, call the emulators) and the
  // environment (BRIDGE_ENV). npm packages resolve from node_modules through package.json.
  const args = ['run', '--allow-net', '--allow-env', join(serversDir, 'deno.ts')];
  const mount = keepingLastReport((env) => serveInChild('deno', deno.path, args, env));
  testBridgeMount({ name: `${deno.version}, Deno.serve in a child process`, start: mount.start });
  it('passes info.remoteAddr as the client IP', () => expectClientIpPassed(mount.kept.report));
});
