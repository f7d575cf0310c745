// `deno run servers/deno.ts`: the test bridge served by Deno.serve, with the client IP Deno saw.
import { createTestBridge, routeRequest } from './test-bridge.ts';

const test = createTestBridge(JSON.parse(Deno.env.get('BRIDGE_ENV') ?? ''));
Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ hostname, port }) => console.log(`listening http://${hostname}:${port}`),
  },
  (request, info) => routeRequest(test, request, { clientIp: info.remoteAddr.hostname }),
);
