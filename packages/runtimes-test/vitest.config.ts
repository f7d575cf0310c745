import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'runtimes',
    include: ['test/**/*.test.ts'],
    // Starting Bun, Deno or workerd, and bundling a Worker, takes seconds on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
