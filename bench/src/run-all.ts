/**
 * `pnpm bench`: bundle sizes, server overhead (SQLite and PostgreSQL) and confirmation latency.
 * Prints a Markdown report and writes it to bench/results/latest.md (+ latest.json).
 * `--quick` shortens every phase (a smoke run, not figures to publish).
 */

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, freemem, totalmem } from 'node:os';
import { bundleTable, COMPETITOR_ENTRIES, measureBundle, OWN_ENTRIES } from './bundle-size.ts';
import { confirmationTable, runConfirmationBench } from './confirmation-bench.ts';
import {
  growthTable,
  phaseTable,
  runServerBench,
  type ServerBenchSettings,
} from './server-bench.ts';
import { BUDGETS, overBudget } from './size-budget.ts';

const quick = process.argv.includes('--quick');
const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const settings: ServerBenchSettings = quick
  ? {
      durationSeconds: 2,
      maxDurationSeconds: 2,
      rate: 500,
      storeSizes: [1000, 3000],
      growthDurationSeconds: 1,
    }
  : {
      durationSeconds: 10,
      maxDurationSeconds: 5,
      rate: 500,
      storeSizes: [1_000, 10_000, 100_000],
      growthDurationSeconds: 5,
    };

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
// pg is checkout-server's dependency (the bench package does not list it): load it from there.
const pg = createRequire(new URL('../../packages/checkout-server/package.json', import.meta.url))(
  'pg',
) as { Client: new (options: { connectionString: string }) => PgClient };

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

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

const started = performance.now();
const sections: string[] = [
  `# Benchmark run ${new Date().toISOString()}${quick ? ' (--quick)' : ''}`,
  machine(),
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

const stores: Array<{
  label: string;
  options: () => { store: 'sqlite' | 'postgres'; databaseUrl?: string; schema?: string };
}> = [{ label: 'SQLite (file)', options: () => ({ store: 'sqlite' }) }];
const schemas: string[] = [];
stores.push({
  label: 'PostgreSQL (127.0.0.1)',
  options: () => {
    const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    return { store: 'postgres', databaseUrl, schema };
  },
});
const serverResults = [];
try {
  for (const store of stores) {
    console.error(`server, ${store.label}…`);
    const result = await runServerBench(store.label, store.options, settings);
    serverResults.push(result);
    sections.push(
      `## Server, ${result.store}`,
      `Sessions created per second (unthrottled): ${result.sessionsPerSecond.toFixed(0)}`,
      phaseTable(result.phases),
      `### ${result.store}: cost as the store grows (${settings.rate}/s, ${settings.growthDurationSeconds} s per phase)`,
      growthTable(result.growth),
    );
  }
} finally {
  for (const schema of schemas) await dropSchema(schema);
}
json.server = serverResults;

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

sections.push(`Total run time: ${((performance.now() - started) / 1000).toFixed(0)} s`);
const report = `${sections.join('\n\n')}\n`;
const resultsDir = new URL('../results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(new URL('latest.md', resultsDir), report);
writeFileSync(new URL('latest.json', resultsDir), `${JSON.stringify(json, null, 2)}\n`);
console.log(report);
