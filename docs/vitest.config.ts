import { defineProject } from 'vitest/config';
import { writeDocBlocks } from './test/blocks.js';

// The guides' ```ts blocks are written to docs/.generated/ when this project loads, before
// vitest looks for test files: a block named `*.test.ts` (a conformance suite a guide shows)
// then runs as one of this project's tests.
writeDocBlocks();

export default defineProject({
  test: {
    name: 'docs',
    include: ['test/**/*.test.ts', '.generated/**/*.test.ts'],
    // The type check compiles every block; the suites the guides show start emulators.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
