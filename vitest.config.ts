import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Fixed time zone so date parsing and pre-period splits never depend on the machine.
    env: { TZ: 'UTC' },
  },
});
