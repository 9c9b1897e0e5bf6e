import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{src,main,devices,hub,bin,renderer,tests}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', 'tests/e2e/**'],
    // Integration tests open pseudo-terminals and databases; two cores here, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
