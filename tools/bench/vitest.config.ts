import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    // Generating and loading the tables into both engines takes seconds, more when the other packages' tests run.
    hookTimeout: 180_000,
  },
});
