import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs the CLI with only the given environment (plus PATH), as an operator would. */
function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('checkout-server CLI', () => {
  it('prints usage and exits 2 without a command, for an unknown command or option', () => {
    expect(run([])).toMatchObject({ code: 2, stdout: expect.stringContaining('Usage:') });
    expect(run(['deploy'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command deploy'),
    });
    expect(run(['reconcile', '--force']).code).toBe(2);
    expect(run(['reconcile', '--older-than-minutes', 'ten'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--older-than-minutes'),
    });
  });

  it('migrates a SQLite file when there is no DATABASE_URL', () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const path = join(dir, 'data', 'checkout.sqlite');
    const result = run(['migrate'], { CHECKOUT_DATABASE_PATH: path });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ store: 'sqlite', path });
    expect(existsSync(path)).toBe(true);
  });

  it('names the missing gateway settings for reconcile, and hides a database password', () => {
    const noGateway = run(['reconcile'], { CHECKOUT_DATABASE_PATH: ':memory:' });
    expect(noGateway.code).toBe(2);
    expect(noGateway.stderr).toContain('No payment gateway is configured');
    const down = run(['migrate'], { DATABASE_URL: 'postgres://u:cli-pass-4410@127.0.0.1:1/x' });
    expect(down.code).toBe(1);
    expect(down.stderr).not.toContain('cli-pass-4410');
  });
});
