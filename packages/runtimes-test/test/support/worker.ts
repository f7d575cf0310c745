import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

/**
 * Bundles a Worker the way wrangler does (ESM, the `workerd`/`worker`/`browser` export
 * conditions, everything inlined) with no Node compatibility: what runs needs nothing of Node.
 */
export async function bundleWorker(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild wrote nothing for ${entry}`);
  return output.text;
}

/** The newest date this workerd (2025-07-18) supports, so the Worker gets today's behaviour. */
const compatibilityDate = '2025-07-18';

/** Serves a bundled Worker on loopback with workerd, its env holding `bindings`. */
export async function serveWorker(script: string, bindings: Record<string, string>) {
  const miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate,
    bindings,
    host: '127.0.0.1',
    port: 0,
  });
  const url = await miniflare.ready;
  return { origin: url.origin, close: () => miniflare.dispose() };
}
