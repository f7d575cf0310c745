import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 5_000 },
  server: {
    proxy: { '/bridge': 'http://127.0.0.1:3000', '/config.json': 'http://127.0.0.1:3000' },
  },
});
