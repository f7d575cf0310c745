// Runs unchanged in Node, Bun, Deno and workerd: the bridge every runtime test serves, and the
// glue that tells the Node test process what the runtime passed it. Relative imports carry `.ts`
// because Deno resolves files exactly as written.
import { type Bridge, createBridge, type FetchContext } from '@smsbridge/core';
import { createStreamChatTransport } from '@smsbridge/core/stream';
import { createTwilioSmsTransport } from '@smsbridge/core/twilio';
import { createMemoryStore } from '@smsbridge/store-memory';
import type { BridgeMountEnvironment } from '@smsbridge/testkit/conformance';

/** Where every runtime test mounts the bridge, as the README's recipes do. */
export const BASE_PATH = '/bridge';

/** What a mount saw, served at `GET /__mount` so a test can check it from outside the runtime. */
export interface MountReport {
  /** What the bridge logged as warnings (e.g. that no client IP reached it). */
  warnings: string[];
  /** How often the bridge handed work to `waitUntil`, and how much of it is still running. */
  waitUntilCalls: number;
  pending: number;
}

/** A test bridge and what it reports about the context the runtime gave it. */
export interface TestBridge {
  bridge: Bridge;
  report(): MountReport;
  /** `waitUntil` as the runtime has it, counted so `pending` can say when the work is done. */
  tracked(waitUntil: (work: Promise<unknown>) => void): (work: Promise<unknown>) => void;
}

/** The bridge of `testBridgeMount`: memory store, Stream and Twilio transports at the emulators. */
export function createTestBridge(env: BridgeMountEnvironment): TestBridge {
  const warnings: string[] = [];
  let waitUntilCalls = 0;
  let pending = 0;
  const bridge = createBridge({
    chat: createStreamChatTransport({
      apiKey: env.stream.apiKey,
      apiSecret: env.stream.apiSecret,
      baseURL: env.stream.url,
    }),
    sms: createTwilioSmsTransport({
      accountSid: env.twilio.accountSid,
      authToken: env.twilio.authToken,
      from: env.twilio.phoneNumber,
      apiBaseUrl: env.twilio.url,
    }),
    store: createMemoryStore(),
    channel: env.channel,
    defaultCountry: 'US',
    logger: {
      warn(message, details) {
        warnings.push(message);
        console.warn(message, details ?? '');
      },
      error: (message, details) => console.error(message, details ?? ''),
    },
  });
  return {
    bridge,
    report: () => ({ warnings, waitUntilCalls, pending }),
    tracked: (waitUntil) => (work) => {
      waitUntilCalls += 1;
      pending += 1;
      waitUntil(work.finally(() => (pending -= 1)));
    },
  };
}

/** Whether a path is the mount point or below it. */
export function isUnderBasePath(pathname: string): boolean {
  return pathname === BASE_PATH || pathname.startsWith(`${BASE_PATH}/`);
}

/**
 * The whole server of the runtimes that serve a bare fetch handler (Bun, Deno, workerd): the
 * bridge under {@link BASE_PATH} with the context the runtime gave, its report at `/__mount`.
 */
export function routeRequest(
  test: TestBridge,
  request: Request,
  context: Omit<FetchContext, 'basePath'>,
): Promise<Response> | Response {
  const { pathname } = new URL(request.url);
  if (pathname === '/__mount') return Response.json(test.report());
  if (!isUnderBasePath(pathname)) return new Response('Not found', { status: 404 });
  return test.bridge.fetch(request, { ...context, basePath: BASE_PATH });
}
