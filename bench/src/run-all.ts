/**
 * `pnpm bench`: bundle sizes, server overhead (SQLite and PostgreSQL) and confirmation latency.
 * Prints a Markdown report and writes it to bench/results/latest.md (+ latest.json).
 * `--quick` shortens every phase (a smoke run, not figures to publish).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { bundleTable, COMPETITOR_ENTRIES, measureBundle, OWN_ENTRIES } from './bundle-size.ts';
import { confirmationTable, runConfirmationBench } from './confirmation-bench.ts';
import { cpuPressureAtRest, cpuPressureMicros } from './cpu-pressure.ts';
import {
  BENCH_STORES,
  dropBenchSchemas,
  floorSection,
  flushFreeSection,
  runPostgresFloor,
  runPostgresWithoutFlushWait,
  runServerBench,
  serverBenchSettings,
  serverSections,
} from './server-bench.ts';
import { BUDGETS, overBudget } from './size-budget.ts';

const quick = process.argv.includes('--quick');
const settings = serverBenchSettings(quick);

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown';
  let postgres = 'unknown';
  try {
    postgres = execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim();
  } catch {}
  return [
    `- CPU: ${cpu}, ${cpus().length} cores (nproc)`,
    `- memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start)`,
    `- Node ${process.version}, ${postgres}`,
  ].join('\n');
}

function percent(share: number | undefined): string {
  return share === undefined ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

// Measured before anything starts: a busy host shows here, not in our code.
const atRest = await cpuPressureAtRest(5);
const started = performance.now();
const pressureStart = cpuPressureMicros();
const sections: string[] = [
  `# Benchmark run ${new Date().toISOString()}${quick ? ' (--quick)' : ''}`,
  `${machine()}\n- CPU pressure at rest (share of 5 s in which some task waited for a CPU, /proc/pressure/cpu): ${percent(atRest)}`,
];
const json: Record<string, unknown> = {};

console.error('bundles…');
const own = await Promise.all(OWN_ENTRIES.map(measureBundle));
const competitors = await Promise.all(COMPETITOR_ENTRIES.map(measureBundle));
json.bundles = [...own, ...competitors];
const failures = overBudget(own);
sections.push(
  '## Bundles',
  bundleTable([...own, ...competitors]),
  `Budgets (brotli): ${Object.entries(BUDGETS)
    .map(([name, bytes]) => `${name} ${bytes} B`)
    .join(', ')}: ${failures.length ? `EXCEEDED: ${failures.join('; ')}` : 'all met'}`,
);

const serverResults = [];
try {
  for (const store of BENCH_STORES) {
    console.error(`server, ${store.label}…`);
    const result = await runServerBench(store.label, store.options, settings);
    serverResults.push(result);
    sections.push(...serverSections(result, settings));
  }
  console.error('server, the PostgreSQL floor…');
  const floor = await runPostgresFloor(settings);
  json.serverFloor = floor;
  sections.push(...floorSection(floor, settings));
} finally {
  await dropBenchSchemas();
}
json.server = serverResults;
console.error('server, PostgreSQL without flush waits (diagnosis)…');
const flushFree = await runPostgresWithoutFlushWait(settings);
json.serverFlushFree = flushFree;
sections.push(...flushFreeSection(flushFree));

console.error('confirmation latency…');
const confirmations = [
  await runConfirmationBench(100, 200),
  await runConfirmationBench(quick ? 300 : 1000, 200),
];
json.confirmation = confirmations;
sections.push(
  '## Confirmation latency (webhook → SSE `succeeded`)',
  confirmationTable(confirmations),
);

const runSeconds = (performance.now() - started) / 1000;
const pressureEnd = cpuPressureMicros();
const underLoad =
  pressureStart === undefined || pressureEnd === undefined
    ? undefined
    : (pressureEnd - pressureStart) / (runSeconds * 1e6);
sections.push(
  `Total run time: ${runSeconds.toFixed(0)} s; CPU pressure over the run (our own load included): ${percent(underLoad)}`,
);
const report = `${sections.join('\n\n')}\n`;
const resultsDir = new URL('../results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(new URL('latest.md', resultsDir), report);
writeFileSync(new URL('latest.json', resultsDir), `${JSON.stringify(json, null, 2)}\n`);
console.log(report);
