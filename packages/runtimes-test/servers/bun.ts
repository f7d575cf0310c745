// `bun run servers/bun.ts`: the test bridge served by Bun.serve, with the client IP Bun saw.
import { createTestBridge, routeRequest } from './test-bridge.ts';

const test = createTestBridge(JSON.parse(Bun.env.BRIDGE_ENV ?? ''));
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: (request, server) =>
    routeRequest(test, request, { clientIp: server.requestIP(request)?.address }),
});
console.log(`listening ${server.url.origin}`);
