import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The e2e tests drive the production build, exactly what `pnpm demo` serves. */
export default async function buildStorefront() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  await build({ root, logLevel: 'warn', configFile: join(root, 'vite.config.ts') });
}
