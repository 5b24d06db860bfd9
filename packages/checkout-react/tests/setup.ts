import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { server } from './msw-server.ts';

// Every render and rerender of every test runs inside <StrictMode> (double effects and mounts),
// also where a test builds its own tree instead of using renderInProvider.
configure({ reactStrictMode: true });

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  vi.unstubAllGlobals();
});
afterAll(() => server.close());
