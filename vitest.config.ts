import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // checkout-react's tests run a second time against React 18 (checkout-react-18); its
    // stories run in Chromium under axe (storybook).
    projects: [
      'packages/*',
      'apps/*',
      'packages/checkout-react/vitest.react18.config.ts',
      'packages/checkout-react/vitest.stories.config.ts',
    ],
  },
});
