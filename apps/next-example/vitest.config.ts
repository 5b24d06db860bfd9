import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'next-example',
    environment: 'node',
    include: ['tests/**/*.test.ts'],
  },
});
