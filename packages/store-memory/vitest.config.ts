import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'store-memory',
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
