import { defineProject } from 'vitest/config';

/** Storybook's stories in Chromium with axe; the build comes from globalSetup when stale. */
export default defineProject({
  test: {
    name: 'storybook',
    environment: 'node',
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['./e2e/storybook-static.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
