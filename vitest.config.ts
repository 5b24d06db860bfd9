import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // checkout-react's tests run a second time against React 18 (checkout-react-18).
    projects: ['packages/*', 'apps/*', 'packages/checkout-react/vitest.react18.config.ts'],
  },
});
