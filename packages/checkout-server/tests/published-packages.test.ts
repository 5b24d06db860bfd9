/**
 * The packages as npm would install them: built, packed with `pnpm pack` (which applies
 * `publishConfig`), unpacked under a `node_modules` and run from there. Node refuses to strip
 * types under `node_modules`, so an entry or a `bin` that still points at `src/*.ts` fails here as
 * it would for a shop that installed the package from the registry.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packagesDir = join(import.meta.dirname, '..', '..');
/** Every published package; dependencies before their dependents. */
const PACKAGES = ['checkout-core', 'checkout-react', 'checkout-server', 'gateway-sandbox'] as const;

interface PackedManifest {
  name: string;
  bin?: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

let root: string;
const installed = new Map<string, { dir: string; manifest: PackedManifest }>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'localpay-published-'));
  const modules = join(root, 'node_modules');
  for (const name of PACKAGES) {
    const source = join(packagesDir, name);
    await run('pnpm', ['run', 'build'], { cwd: source });
    const { stdout } = await run('pnpm', ['pack', '--pack-destination', root], { cwd: source });
    const tarball = stdout.trim().split('\n').at(-1) as string;
    const manifest = JSON.parse(
      (await run('tar', ['-xzOf', tarball, 'package/package.json'])).stdout,
    ) as PackedManifest;
    const dir = join(modules, manifest.name);
    mkdirSync(dir, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
    installed.set(name, { dir, manifest });
    // Third-party dependencies and peers (npm and pnpm install peers too): the workspace's
    // installed copies, so no registry is needed.
    const dependencies = { ...manifest.dependencies, ...manifest.peerDependencies };
    for (const dependency of Object.keys(dependencies)) {
      if (dependency.startsWith('@localpay/')) continue;
      const link = join(modules, dependency);
      mkdirSync(dirname(link), { recursive: true });
      rmSync(link, { force: true });
      symlinkSync(realpathSync(join(source, 'node_modules', dependency)), link);
    }
  }
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function packageOf(name: (typeof PACKAGES)[number]) {
  const entry = installed.get(name);
  if (!entry) throw new Error(`${name} was not installed`);
  return entry;
}

describe('the packed packages', () => {
  it.each(PACKAGES)('%s: every export and bin points into dist/ and is in the tarball', (name) => {
    const { dir, manifest } = packageOf(name);
    const targets = [
      ...Object.values(manifest.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : [target.types, target.default],
      ),
      ...Object.values(manifest.bin ?? {}),
    ];
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      expect(target).toMatch(/^\.\/dist\/.+\.(js|d\.ts|css)$/);
      // Throws when the file is missing from the tarball.
      readFileSync(join(dir, target));
    }
  });

  it.each(PACKAGES)(
    '%s: every JavaScript export imports in Node from node_modules',
    async (name) => {
      const { manifest } = packageOf(name);
      // The stylesheet is for bundlers; importing the React entries here also shows they are SSR-safe.
      const specifiers = Object.entries(manifest.exports)
        .filter(([, target]) => typeof target !== 'string')
        .map(([subpath]) => join(manifest.name, subpath));
      const script = `for (const s of ${JSON.stringify(specifiers)}) await import(s);`;
      // --eval resolves bare specifiers from the working directory: root/node_modules.
      const { stdout } = await run(
        process.execPath,
        ['--input-type=module', '--eval', `${script} console.log('imported');`],
        { cwd: root },
      );
      expect(stdout.trim()).toBe('imported');
    },
  );

  it('checkout-server: the CLI runs and prints its usage', async () => {
    const { dir, manifest } = packageOf('checkout-server');
    const cli = join(dir, manifest.bin?.['checkout-server'] ?? 'missing');
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const { stdout } = await run(process.execPath, [cli, '--help']);
    expect(stdout).toContain('checkout-server migrate');
  });

  it('gateway-sandbox: the CLI serves the emulators and their stylesheet', async () => {
    const { dir, manifest } = packageOf('gateway-sandbox');
    const cli = join(dir, manifest.bin?.['localpay-sandbox'] ?? 'missing');
    const child = spawn(process.execPath, [cli], {
      env: { ...process.env, SANDBOX_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const listening = /listening on (http:\/\/\S+)/.exec(output);
          if (listening) resolve(listening[1] as string);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
      });
      const css = await fetch(`${url}/assets/sandbox.css`);
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toContain('text/css');
    } finally {
      child.kill();
    }
  });
});
