import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { testBridgeMount } from '@smsbridge/testkit/conformance';
import { Hono } from 'hono';
import { it } from 'vitest';
import { BASE_PATH, createTestBridge } from '../servers/test-bridge.ts';
import { expectClientIpPassed } from './support/client-ip.js';
import { keepingLastReport } from './support/mounts.js';
import { packageVersion } from './support/runtimes.js';

const versions = `Hono ${packageVersion('hono')}, @hono/node-server ${packageVersion('@hono/node-server')}`;
console.log(`[runtimes] ${versions} on Node ${process.versions.node}`);

const mount = keepingLastReport(async (env) => {
  const test = createTestBridge(env);
  const app = new Hono();
  // c.req.raw is the request as it came, URL and body untouched (app.mount would rewrite the URL
  // Twilio signed).
  app.all(`${BASE_PATH}/*`, (c) =>
    test.bridge.fetch(c.req.raw, { basePath: BASE_PATH, clientIp: getConnInfo(c).remote.address }),
  );
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  if (!server.listening) await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${BASE_PATH}`,
    origin,
    report: async () => test.report(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
});

testBridgeMount({ name: `${versions} (Node ${process.versions.node})`, start: mount.start });
it('passes getConnInfo(c).remote.address as the client IP', () =>
  expectClientIpPassed(mount.kept.report));
