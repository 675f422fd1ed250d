import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`npm run test:e2e`): the site built from fixture projects,
 * served on 127.0.0.1 and driven in Debian's Chromium by playwright-core.
 * Kept out of `npm test` (vitest.config.ts excludes test/e2e/**).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // One browser and one build per file; files run one after another.
    fileParallelism: false,
  },
});
