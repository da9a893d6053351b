import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 60000,
    // Native addons (hnswlib, better-sqlite3) and loopback servers: forks isolate them cleanly.
    pool: 'forks',
  },
});
