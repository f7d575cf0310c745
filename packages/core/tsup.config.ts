import { defineConfig } from 'tsup';
import { libraryConfig } from '../../scripts/tsup-library.js';

export default defineConfig(
  libraryConfig({
    entry: {
      index: 'src/index.ts',
      'stream/index': 'src/stream/index.ts',
      'twilio/index': 'src/twilio/index.ts',
    },
  }),
);
