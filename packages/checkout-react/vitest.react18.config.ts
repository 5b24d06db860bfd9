import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import base from './vitest.config.ts';

/** The React 18.3 copies installed under npm aliases (`react-18`, `react-dom-18`). */
function react18(specifier: string): string {
  return fileURLToPath(new URL(`./node_modules/${specifier}`, import.meta.url));
}

/**
 * The checkout-react tests again, against React 18 (the peer range promises 18.2+ and 19).
 * Vite's aliases cover the source and tests; tests/react18-resolve.ts covers what Node loads
 * itself (Testing Library, React Query, zustand, react-dom's own require of react).
 */
export default defineProject({
  resolve: {
    alias: [
      { find: /^react$/, replacement: react18('react-18') },
      { find: /^react\/(.*)$/, replacement: react18('react-18/$1') },
      { find: /^react-dom$/, replacement: react18('react-dom-18') },
      { find: /^react-dom\/(.*)$/, replacement: react18('react-dom-18/$1') },
    ],
  },
  test: {
    ...base.test,
    name: 'checkout-react-18',
    env: { EXPECTED_REACT_MAJOR: '18' },
    setupFiles: ['./tests/react18-resolve.ts', './tests/setup.ts'],
  },
});
