import { defineConfig } from 'vitest/config';

// One vitest run from the root covers every package; each package has its own project config.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', 'docs'],
    reporters: ['default', './scripts/vitest-plain-summary.ts'],
  },
});
