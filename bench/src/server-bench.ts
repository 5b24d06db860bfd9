import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { ksherWebhookUrl } from '@localpay/gateway-sandbox';
import autocannon, { type AutocannonResult } from 'autocannon';
import { WEBHOOK_URL } from './bench-protocol.ts';
import {
  type BenchServer,
  type BenchServerOptions,
  startBenchServer,
  startFloorServer,
} from './bench-server-process.ts';
import { type PacedRequest, type PacedResult, pacedLoad } from './paced-load.ts';
import { formatMs, type Percentiles, percentiles } from './percentiles.ts';
import { createPostgresCpuMeter } from './postgres-cpu.ts';

export interface ServerBenchSettings {
  /** Seconds of each fixed-rate phase. */
  durationSeconds: number;
  /** Seconds of the unthrottled session-creation phase. */
  maxDurationSeconds: number;
  rate: number;
  /**
   * Runs of the three fixed-rate phases. One 10 s window at 500/s decides its p99 by whether a
   * rare 50-100 ms stall of the machine (a disk flush, a neighbour) falls inside it, so the
   * report gives every run and their median.
   */
  repetitions: number;
  /** Stored-order counts for the growth table, ascending. */
  storeSizes: number[];
  growthDurationSeconds: number;
}

/** `--quick` shortens every phase: a smoke run, not figures to publish. */
export function serverBenchSettings(quick: boolean): ServerBenchSettings {
  return quick
    ? {
        durationSeconds: 2,
        maxDurationSeconds: 2,
        rate: 500,
        repetitions: 1,
        storeSizes: [1000, 3000],
        growthDurationSeconds: 1,
      }
    : {
        durationSeconds: 10,
        maxDurationSeconds: 5,
        rate: 500,
        repetitions: 3,
        storeSizes: [1_000, 10_000, 100_000],
        growthDurationSeconds: 5,
      };
}

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
// pg is checkout-server's dependency (the bench package does not list it): load it from there.
const pg = createRequire(new URL('../../packages/checkout-server/package.json', import.meta.url))(
  'pg',
) as { Client: new (options: { connectionString: string }) => PgClient };

async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

export interface BenchStore {
  name: BenchServerOptions['store'];
  label: string;
  /** Options for each server started; PostgreSQL gets a fresh schema every time. */
  options: () => BenchServerOptions;
}

const schemas: string[] = [];

export const BENCH_STORES: BenchStore[] = [
  { name: 'sqlite', label: 'SQLite (file)', options: () => ({ store: 'sqlite' }) },
  {
    name: 'postgres',
    label: 'PostgreSQL (127.0.0.1)',
    options: () => {
      const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      return { store: 'postgres', databaseUrl, schema };
    },
  },
];

async function adminQuery(sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

let postgresCpu: Promise<(() => number) | undefined> | undefined;

/** PostgreSQL's CPU meter, when it runs on this machine (see postgres-cpu.ts). */
function postgresCpuMeter(): Promise<(() => number) | undefined> {
  postgresCpu ??= (async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
      // While the backend still runs: the meter finds the postmaster through its parent.
      return createPostgresCpuMeter(Number(rows[0]?.pid));
    } catch {
      return undefined;
    } finally {
      await client.end();
    }
  })();
  return postgresCpu;
}

/**
 * A diagnosis, not a setting to run with: the headline phases on a database of their own where
 * every commit skips the WAL flush (`synchronous_commit = off`), so the difference to the
 * PostgreSQL rows is the time requests spent waiting for the disk.
 */
export async function runPostgresWithoutFlushWait(
  settings: ServerBenchSettings,
): Promise<Omit<StoreBenchResult, 'growth'>> {
  const database = `localpay_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  try {
    await adminQuery(`ALTER DATABASE ${database} SET synchronous_commit = off`);
    const url = new URL(databaseUrl);
    url.pathname = `/${database}`;
    const server = await startBenchServer({
      store: 'postgres',
      databaseUrl: url.toString(),
      schema: 'bench',
    });
    try {
      return {
        store: 'PostgreSQL, synchronous_commit = off',
        ...(await headline(server, settings)),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

export interface FloorResult {
  /** Durable INSERTs per request. */
  commits: number;
  runs: PhaseResult[];
}

/** What each floor row stands for: the durable commits checkout-server's requests need. */
const FLOOR_ROWS = [
  { commits: 0, label: 'bare node:http, no database' },
  { commits: 1, label: '1 durable INSERT per request (a webhook needs 1)' },
  { commits: 2, label: '2 durable INSERTs, one after the other (POST /sessions needs 2)' },
];

/**
 * The floor: the POST load, at the same rate and with the same runs, against a bare server that
 * only commits N rows to the same PostgreSQL. checkout-server cannot beat the row of the durable
 * commits its request needs, so this tells its own cost from the machine's.
 */
export async function runPostgresFloor(settings: ServerBenchSettings): Promise<FloorResult[]> {
  const results: FloorResult[] = [];
  for (const { commits } of FLOOR_ROWS) {
    const schema = `bench_floor_${process.pid}_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    const server = await startFloorServer({ commits, databaseUrl, schema });
    try {
      const runs: PhaseResult[] = [];
      for (let run = 1; run <= settings.repetitions; run += 1) {
        const count = settings.rate * settings.durationSeconds;
        const phase = await pacedPhase(server, `floor, ${commits}`, settings.rate, count, () => ({
          method: 'POST',
          path: '/floor',
          body: sessionBody(),
          headers: { 'content-type': 'application/json' },
        }));
        runs.push(phase.result);
      }
      results.push({ commits, runs });
    } finally {
      await server.stop();
    }
  }
  return results;
}

/** The floor's section: time inside the bare server, median run and every run. */
export function floorSection(results: FloorResult[], settings: ServerBenchSettings): string[] {
  const rows = results.map(({ commits, runs }) => {
    const label = FLOOR_ROWS.find((row) => row.commits === commits)?.label ?? `${commits}`;
    const p50s = runs.map((run) => run.own.p50);
    const p99s = runs.map((run) => run.own.p99);
    const endToEnd = runs.map((run) => run.endToEnd.p99);
    return `| ${label} | ${formatMs(median(p50s))} | ${formatMs(median(p99s))} | ${p99s.map(formatMs).join(', ')} | ${formatMs(median(endToEnd))} | ${medianCpuCell(runs)} |`;
  });
  return [
    `### The floor: a bare server committing to the same PostgreSQL (${settings.rate}/s, ${settings.durationSeconds} s per run)`,
    [
      '| server | p50, median run | p99, median run | p99 per run | end-to-end p99, median run | CPU per request, median: server / PostgreSQL |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows,
    ].join('\n'),
  ];
}

/** Drops the PostgreSQL schemas the bench servers created. */
export async function dropBenchSchemas(): Promise<void> {
  for (const schema of schemas.splice(0)) await dropSchema(schema);
}

export interface PhaseResult {
  phase: string;
  /** Requests per second actually served (2xx and others). */
  rps: number;
  non2xx: number;
  errors: number;
  /** As the client saw it: socket, Node http, the handler and the emulator. */
  endToEnd: { p50: number; p99: number; p99_9: number };
  /** Inside the process: the handler minus its gateway calls. */
  own: Percentiles;
  gateway: Percentiles;
  /**
   * CPU time per request: the server process (handler, HTTP, and the in-process emulator) and
   * the PostgreSQL server (every process of it on this machine; undefined when not measurable).
   */
  cpuPerRequest: { server: number; postgres?: number };
}

export interface GrowthResult {
  storedOrders: number;
  seedSeconds: number;
  create: PhaseResult;
  get: PhaseResult;
}

export interface StoreBenchResult {
  store: string;
  sessionsPerSecond: number;
  phases: PhaseResult[];
  growth: GrowthResult[];
}

const SHOP = 'https://shop.example.com';

function sessionBody(): string {
  return JSON.stringify({
    methodId: 'ksher.promptpay',
    cart: { items: [{ sku: 'tea', quantity: 2 }] },
    returnUrl: `${SHOP}/order`,
  });
}

let keyCounter = 0;

/** POST /sessions with a fresh idempotency key per request. */
function createRequest(): PacedRequest {
  keyCounter += 1;
  return {
    method: 'POST',
    path: '/api/checkout/sessions',
    body: sessionBody(),
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `bench-${process.pid}-${keyCounter}`,
    },
  };
}

function createdIds(result: PacedResult): string[] {
  return result.bodies.flatMap((body, index) =>
    result.statuses[index] === 201 ? [(JSON.parse(body) as { id: string }).id] : [],
  );
}

/** Starts a phase: resets the server's samples and CPU meter, reads PostgreSQL's CPU. */
async function startMeasuring(server: BenchServer) {
  await server.request({ type: 'stats' }, 'stats');
  const postgres = await postgresCpuMeter();
  const postgresBefore = postgres?.();
  return async function serverSide(requests: number) {
    const postgresMs = postgres && postgresBefore !== undefined ? postgres() - postgresBefore : NaN;
    const { stats, cpuMs } = await server.request({ type: 'stats' }, 'stats');
    const samples = Object.values(stats).flat();
    return {
      own: percentiles(samples.map((sample) => sample.totalMs - sample.gatewayMs)),
      gateway: percentiles(samples.map((sample) => sample.gatewayMs)),
      cpuPerRequest: {
        server: cpuMs / requests,
        ...(!Number.isNaN(postgresMs) && { postgres: postgresMs / requests }),
      },
    };
  };
}

/** `count` requests at a steady `rate` (see pacedLoad), timed by the client and inside the server. */
async function pacedPhase(
  server: BenchServer,
  name: string,
  rate: number,
  count: number,
  requestAt: (index: number) => PacedRequest,
): Promise<{ result: PhaseResult; load: PacedResult }> {
  const serverSide = await startMeasuring(server);
  const load = await pacedLoad(server.url, count, rate, requestAt);
  const client = percentiles(load.latencies);
  return {
    load,
    result: {
      phase: name,
      rps: load.latencies.length / load.seconds,
      non2xx: load.statuses.filter((status) => status < 200 || status > 299).length,
      errors: load.errors,
      endToEnd: { p50: client.p50, p99: client.p99, p99_9: client.p99_9 },
      ...(await serverSide(load.latencies.length)),
    },
  };
}

/** The highest creation rate: autocannon, 10 connections, as fast as the server answers. */
async function maxCreationRate(server: BenchServer, seconds: number): Promise<PhaseResult> {
  const serverSide = await startMeasuring(server);
  const result: AutocannonResult = await autocannon({
    url: server.url,
    connections: 10,
    duration: seconds,
    requests: [
      { ...createRequest(), setupRequest: (request) => ({ ...request, ...createRequest() }) },
    ],
  });
  return {
    phase: 'POST /sessions, unthrottled (autocannon, 10 connections)',
    rps: result['2xx'] / result.duration,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    endToEnd: { p50: result.latency.p50, p99: result.latency.p99, p99_9: result.latency.p99_9 },
    ...(await serverSide(result.requests.total)),
  };
}

/** POST, GET and the webhook at `rate`, once; `label` tells the runs apart. */
async function fixedRatePhases(
  server: BenchServer,
  settings: ServerBenchSettings,
  label: string,
): Promise<PhaseResult[]> {
  const count = settings.rate * settings.durationSeconds;
  const create = await pacedPhase(
    server,
    `POST /sessions @ ${settings.rate}/s${label}`,
    settings.rate,
    count,
    createRequest,
  );
  const created = createdIds(create.load);
  const get = await pacedPhase(
    server,
    `GET /sessions/:id @ ${settings.rate}/s${label}`,
    settings.rate,
    count,
    (index) => ({
      method: 'GET',
      path: `/api/checkout/sessions/${created[index % created.length]}`,
    }),
  );
  // Each webhook is the first "Order Paid" of a session the emulator has marked paid.
  const webhook = await webhookPhase(
    server,
    `GET /webhooks/ksher @ ${settings.rate}/s${label}`,
    settings.rate,
    created,
  );
  return [create.result, get.result, webhook.result];
}

/** The first "Order Paid" webhook of each of `sessionIds`, once the emulator has marked it paid. */
async function webhookPhase(
  server: BenchServer,
  name: string,
  rate: number,
  sessionIds: string[],
): Promise<{ result: PhaseResult; load: PacedResult }> {
  const { merchantOrderIds } = await server.request({ type: 'pay', sessionIds }, 'paid');
  return pacedPhase(server, name, rate, merchantOrderIds.length, (index) => ({
    method: 'GET',
    path: ksherWebhookUrl(
      WEBHOOK_URL,
      merchantOrderIds[index] ?? '',
      'Order Paid',
      server.token,
    ).slice(SHOP.length),
  }));
}

/** The headline phases on a fresh store: max creation rate, then each endpoint at `rate`. */
async function headline(
  server: BenchServer,
  settings: ServerBenchSettings,
): Promise<{ sessionsPerSecond: number; phases: PhaseResult[] }> {
  const max = await maxCreationRate(server, settings.maxDurationSeconds);
  // The first webhooks open the traffic log's connections (new PostgreSQL backends, cold caches,
  // statements not yet prepared), which the unthrottled POST phase never touches: one second of
  // them is reported on its own as the cold start instead of landing in run 1's tail.
  const coldCreate = await pacedPhase(
    server,
    'warm-up',
    settings.rate,
    settings.rate,
    createRequest,
  );
  const cold = await webhookPhase(
    server,
    `GET /webhooks/ksher, the first ${settings.rate} after start (cold)`,
    settings.rate,
    createdIds(coldCreate.load),
  );
  const phases = [max, cold.result];
  for (let run = 1; run <= settings.repetitions; run += 1) {
    const label = settings.repetitions > 1 ? ` (run ${run}/${settings.repetitions})` : '';
    phases.push(...(await fixedRatePhases(server, settings, label)));
  }
  return { sessionsPerSecond: max.rps, phases };
}

/** Seeds the store up to each size and measures creation and reads at `rate` there. */
async function growth(server: BenchServer, settings: ServerBenchSettings): Promise<GrowthResult[]> {
  const results: GrowthResult[] = [];
  const created: string[] = [];
  // One second of creations first, so the smallest size is not measured on a cold JIT.
  const warmUp = await pacedPhase(server, 'warm-up', settings.rate, settings.rate, createRequest);
  created.push(...createdIds(warmUp.load));
  let seeded = 0;
  for (const size of settings.storeSizes) {
    const started = performance.now();
    const toSeed = Math.max(0, size - seeded - created.length);
    await server.request({ type: 'seed', count: toSeed, offset: seeded }, 'done');
    seeded += toSeed;
    const seedSeconds = (performance.now() - started) / 1000;
    const storedOrders = seeded + created.length;
    const count = settings.rate * settings.growthDurationSeconds;
    const create = await pacedPhase(server, 'POST /sessions', settings.rate, count, createRequest);
    created.push(...createdIds(create.load));
    const get = await pacedPhase(server, 'GET /sessions/:id', settings.rate, count, (index) => ({
      method: 'GET',
      path: `/api/checkout/sessions/${created[index % created.length]}`,
    }));
    results.push({ storedOrders, seedSeconds, create: create.result, get: get.result });
  }
  return results;
}

export async function runServerBench(
  label: string,
  serverOptions: () => BenchServerOptions,
  settings: ServerBenchSettings,
): Promise<StoreBenchResult> {
  const fresh = await startBenchServer(serverOptions());
  let main: Awaited<ReturnType<typeof headline>>;
  try {
    main = await headline(fresh, settings);
  } finally {
    await fresh.stop();
  }
  const grown = await startBenchServer(serverOptions());
  try {
    return { store: label, ...main, growth: await growth(grown, settings) };
  } finally {
    await grown.stop();
  }
}

function cpuCell({ server, postgres }: PhaseResult['cpuPerRequest']): string {
  return `${formatMs(server)} / ${postgres === undefined ? '–' : formatMs(postgres)}`;
}

function medianCpuCell(runs: PhaseResult[]): string {
  const postgres = runs.flatMap((run) => run.cpuPerRequest.postgres ?? []);
  return cpuCell({
    server: median(runs.map((run) => run.cpuPerRequest.server)),
    ...(postgres.length > 0 && { postgres: median(postgres) }),
  });
}

export function phaseTable(phases: PhaseResult[]): string {
  const rows = phases.map(
    (p) =>
      `| ${p.phase} | ${p.rps.toFixed(0)} | ${formatMs(p.endToEnd.p50)} / ${formatMs(p.endToEnd.p99)} / ${formatMs(p.endToEnd.p99_9)} | ${formatMs(p.own.p50)} / ${formatMs(p.own.p99)} / ${formatMs(p.own.p99_9)} | ${formatMs(p.gateway.p50)} / ${formatMs(p.gateway.p99)} | ${cpuCell(p.cpuPerRequest)} | ${p.non2xx + p.errors} |`,
  );
  return [
    '| phase | req/s | end-to-end p50 / p99 / p99.9 | own p50 / p99 / p99.9 | emulator p50 / p99 | CPU per request: server / PostgreSQL | non-2xx + errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

const ENDPOINTS = ['POST /sessions', 'GET /sessions/:id', 'GET /webhooks/ksher'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

/** Own time per endpoint over the fixed-rate runs: the median run, and every run. */
export function ownSummaryTable(phases: PhaseResult[]): string {
  const rows = ENDPOINTS.map((endpoint) => {
    const runs = phases.filter((phase) => phase.phase.startsWith(`${endpoint} @`));
    const p50s = runs.map((run) => run.own.p50);
    const p99s = runs.map((run) => run.own.p99);
    return `| ${endpoint} | ${formatMs(median(p50s))} | ${formatMs(median(p99s))} | ${p50s.map(formatMs).join(', ')} | ${p99s.map(formatMs).join(', ')} | ${medianCpuCell(runs)} |`;
  });
  return [
    '| at the fixed rate | own p50, median run | own p99, median run | own p50 per run | own p99 per run | CPU per request, median: server / PostgreSQL |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export function growthTable(growthResults: GrowthResult[]): string {
  const rows = growthResults.map(
    (g) =>
      `| ${g.storedOrders.toLocaleString('en')} | ${g.seedSeconds.toFixed(1)} s | ${formatMs(g.create.own.p50)} / ${formatMs(g.create.own.p99)} | ${formatMs(g.get.own.p50)} / ${formatMs(g.get.own.p99)} | ${formatMs(g.create.endToEnd.p99)} / ${formatMs(g.get.endToEnd.p99)} | ${g.create.non2xx + g.create.errors + g.get.non2xx + g.get.errors} |`,
  );
  return [
    '| stored orders | seeding took | POST own p50 / p99 | GET own p50 / p99 | end-to-end p99 POST / GET | non-2xx + errors |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** The report's sections for one store. */
export function serverSections(result: StoreBenchResult, settings: ServerBenchSettings): string[] {
  return [
    `## Server, ${result.store}`,
    `Sessions created per second (unthrottled): ${result.sessionsPerSecond.toFixed(0)}`,
    ownSummaryTable(result.phases),
    phaseTable(result.phases),
    `### ${result.store}: cost as the store grows (${settings.rate}/s, ${settings.growthDurationSeconds} s per phase)`,
    growthTable(result.growth),
  ];
}

/** The diagnosis's section: its phases beside the PostgreSQL ones. */
export function flushFreeSection(result: Omit<StoreBenchResult, 'growth'>): string[] {
  return [
    `### Diagnosis: ${result.store} (a database of its own; not a recommended setting)`,
    ownSummaryTable(result.phases),
    phaseTable(result.phases),
  ];
}

/**
 * `node bench/src/server-bench.ts [--store sqlite|postgres] [--quick] [--floor] [--flush-free]`:
 * the server part alone; `--floor` and `--flush-free` add the PostgreSQL floor and diagnosis.
 */
if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      store: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'flush-free': { type: 'boolean', default: false },
      floor: { type: 'boolean', default: false },
    },
  });
  const stores = BENCH_STORES.filter((store) => (values.store ?? store.name) === store.name);
  if (stores.length === 0) {
    throw new Error(`--store must be one of ${BENCH_STORES.map((store) => store.name).join(', ')}`);
  }
  const settings = serverBenchSettings(values.quick);
  try {
    for (const store of stores) {
      console.error(`server, ${store.label}…`);
      const result = await runServerBench(store.label, store.options, settings);
      console.log(`${serverSections(result, settings).join('\n\n')}\n`);
    }
    if (values.floor) {
      console.error('server, the PostgreSQL floor…');
      console.log(`${floorSection(await runPostgresFloor(settings), settings).join('\n\n')}\n`);
    }
    if (values['flush-free']) {
      console.error('server, PostgreSQL without flush waits…');
      const result = await runPostgresWithoutFlushWait(settings);
      console.log(`${flushFreeSection(result).join('\n\n')}\n`);
    }
  } finally {
    await dropBenchSchemas();
  }
}
