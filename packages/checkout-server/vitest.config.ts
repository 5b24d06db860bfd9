import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'checkout-server',
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
  },
});
