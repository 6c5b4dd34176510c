import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = process.env.CLEARPOST_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Pure libs are compiled from source, the same code the API runs.
    alias: {
      '@clearpost/authz': fileURLToPath(new URL('../../libs/authz/src/index.ts', import.meta.url)),
      '@clearpost/networks': fileURLToPath(new URL('../../libs/networks/src/index.ts', import.meta.url)),
      '@clearpost/policy-engine': fileURLToPath(new URL('../../libs/policy-engine/src/index.ts', import.meta.url)),
    },
  },
  server: { proxy: { '/graphql': api, '/health': api } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
