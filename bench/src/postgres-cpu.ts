import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // exited meanwhile
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((child) => statFields(child)?.[1] === String(pid));
}

/**
 * CPU time (ms) the PostgreSQL server on this machine has used so far: the postmaster, its
 * exited children (reaped into cutime/cstime) and its live ones (backends, WAL writer,
 * checkpointer). `backendPid` is any backend's `pg_backend_pid()`. Undefined where /proc cannot
 * tell (not Linux, or PostgreSQL on another machine): the report then leaves the column empty.
 */
export function createPostgresCpuMeter(backendPid: number): (() => number) | undefined {
  const postmaster = Number(statFields(backendPid)?.[1]);
  if (!Number.isInteger(postmaster) || postmaster <= 1) return undefined;
  let ticksPerSecond: number;
  try {
    ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
  return () => {
    // utime, stime, cutime, cstime are fields 14-17 of stat: 11-14 after the command name.
    const own = statFields(postmaster) ?? [];
    let ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(own[index] ?? 0), 0);
    for (const child of childrenOf(postmaster)) {
      const fields = statFields(child) ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    }
    return (ticks * 1000) / ticksPerSecond;
  };
}
