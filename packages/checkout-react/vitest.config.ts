import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'checkout-react',
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.tsx'],
    setupFiles: ['./tests/setup.ts'],
  },
});
