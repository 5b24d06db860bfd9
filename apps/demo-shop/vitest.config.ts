import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'demo-shop',
    environment: 'node',
    include: ['server/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['./e2e/global-setup.ts'],
    fileParallelism: false,
  },
});
