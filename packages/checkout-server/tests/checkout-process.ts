import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const serverScript = fileURLToPath(new URL('./two-instances-server.ts', import.meta.url));
const cliScript = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** A checkout instance running as its own OS process (tests/two-instances-server.ts). */
export interface CheckoutProcess {
  url: string;
  process: ChildProcess;
  /** Session ids whose success hook ran in this process. */
  hooks: string[];
}

/** Starts an instance configured from `env` (DATABASE_URL, KSHER_*, …) and waits for its URL. */
export async function startCheckoutProcess(env: Record<string, string>): Promise<CheckoutProcess> {
  const child = spawn(process.execPath, [serverScript], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const hooks: string[] = [];
  let buffered = '';
  const url = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (;;) {
        const newline = buffered.indexOf('\n');
        if (newline < 0) break;
        const line = JSON.parse(buffered.slice(0, newline)) as { url?: string; hook?: string };
        buffered = buffered.slice(newline + 1);
        if (line.url) resolve(line.url);
        if (line.hook) hooks.push(line.hook);
      }
    });
  });
  return { url: await url, process: child, hooks };
}

/** Stops an instance gracefully (SIGTERM), or, with `SIGKILL`, the way a crash would. */
export async function stopCheckoutProcess(
  instance: CheckoutProcess | undefined,
  signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
): Promise<void> {
  if (!instance || instance.process.exitCode !== null || instance.process.signalCode !== null)
    return;
  const exited = once(instance.process, 'exit');
  instance.process.kill(signal);
  await exited;
}

/** Runs `checkout-server <args>` with `env`; resolves with its exit code and stdout. */
export async function runCheckoutCli(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number; stdout: string }> {
  const cli = spawn(process.execPath, [cliScript, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  cli.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const [code] = (await once(cli, 'exit')) as [number];
  return { code, stdout };
}
