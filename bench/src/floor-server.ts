/**
 * The floor under the PostgreSQL figures: a bare node:http server that does only what any API
 * keeping durable state must, `BENCH_FLOOR_COMMITS` synchronously committed INSERTs per request
 * (0: it answers at once). Driven like bench-server.ts, over the same IPC protocol.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { answerParent, type ServerMessage, type ServerReply } from './bench-protocol.ts';
import { createCpuMeter } from './process-cpu.ts';

const commits = Number(process.env.BENCH_FLOOR_COMMITS ?? '0');
const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
const schema = process.env.BENCH_SCHEMA ?? 'public';

interface PgPool {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<unknown>;
  end(): Promise<void>;
}
// pg is checkout-server's dependency (the bench package does not list it): load it from there.
const pg = createRequire(new URL('../../packages/checkout-server/package.json', import.meta.url))(
  'pg',
) as { Pool: new (options: { connectionString: string; max: number }) => PgPool };

// As many connections as the order store's default pool; a prepared statement, as it uses.
const pool = commits > 0 ? new pg.Pool({ connectionString: databaseUrl, max: 10 }) : undefined;
await pool?.query({ text: `CREATE SCHEMA IF NOT EXISTS ${schema}` });
await pool?.query({
  text: `CREATE TABLE IF NOT EXISTS ${schema}.floor_rows (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL)`,
});

let samples: number[] = [];
const cpuSinceStats = createCpuMeter();

const server = createServer((request, response) => {
  const started = performance.now();
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => {
    body += chunk;
  });
  request.on('end', async () => {
    try {
      for (let n = 0; n < commits; n++) {
        await pool?.query({
          name: 'floor_insert',
          text: `INSERT INTO ${schema}.floor_rows (body) VALUES ($1)`,
          values: [body || (request.url ?? '')],
        });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } catch {
      response.writeHead(500).end();
    }
    samples.push(performance.now() - started);
  });
});

async function answer(message: ServerMessage): Promise<ServerReply> {
  switch (message.type) {
    case 'stats': {
      const stats = { floor: samples.map((totalMs) => ({ totalMs, gatewayMs: 0 })) };
      samples = [];
      return { type: 'stats', stats, cpuMs: cpuSinceStats() };
    }
    case 'stop':
      await new Promise((resolve) => server.close(resolve));
      await pool?.end();
      return { type: 'done' };
    default:
      return { type: 'error', message: `the floor server does not ${message.type}` };
  }
}

answerParent(answer);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${address.port}`, token: '', seq: 0 });
});
