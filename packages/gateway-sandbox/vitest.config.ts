import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'gateway-sandbox',
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
  },
});
