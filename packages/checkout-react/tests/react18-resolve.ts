import { registerHooks } from 'node:module';

/**
 * Setup file of the checkout-react-18 project, loaded before anything imports React. Node loads
 * the libraries in node_modules itself (Vite's aliases never reach them), and pnpm installed
 * react-dom-18 next to React 19: this sends every `react` and `react-dom` import or require made
 * outside Vite to the 18.3 copies, so one React runs the tests.
 */
registerHooks({
  resolve(specifier, context, nextResolve) {
    const match = /^(react|react-dom)(\/.*)?$/.exec(specifier);
    if (!match) return nextResolve(specifier, context);
    return nextResolve(`${match[1]}-18${match[2] ?? ''}`, {
      ...context,
      parentURL: import.meta.url,
    });
  },
});
