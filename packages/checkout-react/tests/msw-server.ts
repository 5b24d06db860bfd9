import { setupServer } from 'msw/node';
import { createMockCheckoutApi } from '../src/mocks/handlers.ts';

/** One msw server for the whole test run; tests swap in their own mock API with `useMockApi`. */
export const server = setupServer(...createMockCheckoutApi().handlers);

export function useMockApi(...args: Parameters<typeof createMockCheckoutApi>) {
  const api = createMockCheckoutApi(...args);
  server.use(...api.handlers);
  return api;
}
