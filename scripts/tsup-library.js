// Shared tsup settings for every published @smsbridge package: ESM + CJS + .d.ts/.d.cts,
// Node 20 target, dependencies left external (tsup's default for package.json deps).
/** @param {{ entry: string[] | Record<string, string> }} options */
export function libraryConfig({ entry }) {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    shims: true,
  };
}
