import { defineConfig } from 'tsup';
import { libraryConfig } from '../../scripts/tsup-library.js';

export default defineConfig(
  libraryConfig({
    entry: {
      index: 'src/index.ts',
      cli: 'src/cli.ts',
      'conformance/index': 'src/conformance/index.ts',
    },
  }),
);
