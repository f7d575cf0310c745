// The few Bun and Deno APIs the test servers use, declared here instead of installing bun-types
// and Deno's lib, whose globals (fetch, Request, timers) would compete with @types/node's.

interface BunServer {
  readonly url: URL;
  requestIP(request: Request): { address: string; port: number } | null;
}

declare const Bun: {
  readonly env: Record<string, string | undefined>;
  serve(options: {
    hostname?: string;
    port?: number;
    fetch(request: Request, server: BunServer): Response | Promise<Response>;
  }): BunServer;
};

declare const Deno: {
  readonly env: { get(name: string): string | undefined };
  serve(
    options: {
      hostname?: string;
      port?: number;
      onListen?(address: { hostname: string; port: number }): void;
    },
    handler: (
      request: Request,
      info: { remoteAddr: { hostname: string; port: number } },
    ) => Response | Promise<Response>,
  ): unknown;
};
