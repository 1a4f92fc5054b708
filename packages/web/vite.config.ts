import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The SPA build the server serves from packages/web/dist; `npm run dev -w @closeloop/web` proxies the API to :4000. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://localhost:4000' } },
});
