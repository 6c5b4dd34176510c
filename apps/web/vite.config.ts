import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.CLEARPOST_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // Pure libs are compiled from source, the same code the API runs: `@clearpost/*` resolves through
  // the paths of tsconfig.base.json, where the alias is declared once for every tool.
  resolve: { tsconfigPaths: true },
  server: { proxy: { '/graphql/ws': { target: api.replace(/^http/, 'ws'), ws: true }, '/graphql': api, '/health': api } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
