import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The browser end-to-end run: Debian's chromium driven by playwright-core against the real server. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
