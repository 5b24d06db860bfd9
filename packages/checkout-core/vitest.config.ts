import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'checkout-core',
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
  },
});
