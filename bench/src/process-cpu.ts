import { cpuUsage } from 'node:process';

/** CPU time (user + system, ms) this process used since the previous call. */
export function createCpuMeter(): () => number {
  let last = cpuUsage();
  return () => {
    const used = cpuUsage(last);
    last = cpuUsage();
    return (used.user + used.system) / 1000;
  };
}
