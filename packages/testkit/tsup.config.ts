import { rm, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { libraryConfig } from '../../scripts/tsup-library.js';

// vitest refuses require() (its CommonJS entry only throws), so a CommonJS bundle of the
// conformance suites, which import vitest, could never load. Their `require` entry loads the ESM
// build instead, through Node's require(esm) (20.19+, 22.12+). Its types stay tsup's `.d.cts`.
const CONFORMANCE_CJS = `"use strict";
try {
  module.exports = require("./index.js");
} catch (error) {
  if (error && error.code === "ERR_REQUIRE_ESM") {
    throw new Error(
      "[smsbridge] [testkit] @smsbridge/testkit/conformance is ES modules (vitest cannot be require()d): import it, or require it on Node.js 20.19+ or 22.12+.",
      { cause: error },
    );
  }
  throw error;
}
`;

const library = libraryConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'conformance/index': 'src/conformance/index.ts',
  },
});

export default defineConfig({
  ...library,
  async onSuccess() {
    await writeFile('dist/conformance/index.cjs', CONFORMANCE_CJS);
    await rm('dist/conformance/index.cjs.map', { force: true });
  },
});
