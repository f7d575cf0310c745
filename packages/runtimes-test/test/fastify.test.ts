import { testBridgeMount } from '@smsbridge/testkit/conformance';
import Fastify from 'fastify';
import { it } from 'vitest';
import { BASE_PATH, createTestBridge } from '../servers/test-bridge.ts';
import { expectClientIpPassed } from './support/client-ip.js';
import { keepingLastReport } from './support/mounts.js';
import { packageVersion } from './support/runtimes.js';

const version = `Fastify ${packageVersion('fastify')}`;
console.log(`[runtimes] ${version} on Node ${process.versions.node}`);

const mount = keepingLastReport(async (env) => {
  const test = createTestBridge(env);
  const app = Fastify();
  await app.register(
    async (bridgeRoutes) => {
      // Signatures cover the exact bytes: every body reaches the bridge unparsed.
      bridgeRoutes.removeAllContentTypeParsers();
      bridgeRoutes.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
        done(null, body),
      );
      bridgeRoutes.all('/*', async (request, reply) => {
        const body = request.body as Buffer | undefined;
        const response = await test.bridge.fetch(
          new Request(`${request.protocol}://${request.host}${request.url}`, {
            method: request.method,
            headers: request.headers as Record<string, string>,
            ...(body ? { body: new Uint8Array(body) } : {}),
          }),
          { basePath: BASE_PATH, clientIp: request.ip },
        );
        return reply.send(response);
      });
    },
    { prefix: BASE_PATH },
  );
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `${origin}${BASE_PATH}`,
    origin,
    report: async () => test.report(),
    close: () => app.close(),
  };
});

testBridgeMount({ name: `${version} (Node ${process.versions.node})`, start: mount.start });
it('passes request.ip as the client IP', () => expectClientIpPassed(mount.kept.report));
