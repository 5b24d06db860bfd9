import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const STORYBOOK_STATIC = join(root, 'storybook-static');
const INDEX = join(STORYBOOK_STATIC, 'index.json');
// What the build is made of: the stories and components, and Storybook's own config.
const SOURCES = [join(root, 'packages/checkout-react/src'), join(root, '.storybook')];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Vitest globalSetup: `pnpm build-storybook` unless storybook-static is newer than its sources. */
export default function buildStorybookIfStale(): void {
  const built = existsSync(INDEX) ? statSync(INDEX).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestMtime))) return;
  execFileSync('pnpm', ['build-storybook'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
}

export interface StoryEntry {
  id: string;
  title: string;
  name: string;
}

/** Every story of the built Storybook (docs pages left out). */
export function builtStories(): StoryEntry[] {
  const index = JSON.parse(readFileSync(INDEX, 'utf8')) as {
    entries: Record<string, StoryEntry & { type: string }>;
  };
  return Object.values(index.entries)
    .filter((entry) => entry.type === 'story')
    .map(({ id, title, name }) => ({ id, title, name }));
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves storybook-static on 127.0.0.1 (a secure context, so msw's service worker runs). */
export async function serveStorybookStatic(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(STORYBOOK_STATIC, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(STORYBOOK_STATIC) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
