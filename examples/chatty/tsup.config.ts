import { defineConfig } from 'tsup';

// The server only; the web app is built by Vite into dist/web.
export default defineConfig({
  entry: { 'server/main': 'server/main.ts', 'server/lambda': 'server/lambda.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: false,
  sourcemap: true,
});
