/**
 * A Node built-in module, when the runtime offers it through `process.getBuiltinModule` (Node
 * 20.16+, Bun, Deno) and it has the function `method`; otherwise `null` (Cloudflare Workers, a
 * browser). A call, not an import: bundlers and runtimes without Node's modules see nothing
 * Node-only, and the caller falls back to the web-standard API.
 */
export function nodeBuiltin<T>(id: string, method: string): T | null {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  let found: unknown;
  try {
    found = runtime?.getBuiltinModule?.(id);
  } catch {
    return null;
  }
  return typeof (found as Record<string, unknown> | undefined)?.[method] === 'function'
    ? (found as T)
    : null;
}
