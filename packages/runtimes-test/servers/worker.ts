// The test bridge as a Cloudflare Worker (bundled by esbuild, run by workerd through miniflare),
// with the client IP Cloudflare gives and the Worker's own waitUntil.
import { createTestBridge, routeRequest, type TestBridge } from './test-bridge.ts';

interface Env {
  /** The emulators, as JSON (`BridgeMountEnvironment`). */
  BRIDGE_ENV: string;
}

// Created at the first request: a Worker gets its env there, and allows no I/O, timers or random
// values at startup.
let test: TestBridge | undefined;

export default {
  fetch(request: Request, env: Env, ctx: { waitUntil(work: Promise<unknown>): void }) {
    test ??= createTestBridge(JSON.parse(env.BRIDGE_ENV));
    return routeRequest(test, request, {
      clientIp: request.headers.get('cf-connecting-ip') ?? undefined,
      waitUntil: test.tracked((work) => ctx.waitUntil(work)),
    });
  },
};
