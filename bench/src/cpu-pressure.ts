import { readFileSync } from 'node:fs';

/**
 * Linux pressure stall information: the total time (µs) some runnable task waited for a CPU.
 * Undefined where the kernel does not expose it.
 */
export function cpuPressureMicros(): number | undefined {
  try {
    const some = readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0] ?? '';
    const total = /total=(\d+)/.exec(some)?.[1];
    return total === undefined ? undefined : Number(total);
  } catch {
    return undefined;
  }
}

/**
 * The share of `seconds` of rest in which some task waited for a CPU. On an idle machine it should
 * be near 0; well above it, something else (a neighbour on the host) takes the CPUs, and tail
 * figures of this run are not comparable with a quiet run's.
 */
export async function cpuPressureAtRest(seconds: number): Promise<number | undefined> {
  const before = cpuPressureMicros();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = cpuPressureMicros();
  if (before === undefined || after === undefined) return undefined;
  return (after - before) / (seconds * 1e6);
}
