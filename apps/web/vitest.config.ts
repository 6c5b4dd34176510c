import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Component tests: React components with their real i18n, Mantine and Apollo's MockedProvider, in jsdom.
export default defineConfig({
  plugins: [react()],
  resolve: { tsconfigPaths: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 15_000,
  },
});
