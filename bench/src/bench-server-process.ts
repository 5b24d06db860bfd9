import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerMessage, ServerReply } from './bench-protocol.ts';

export interface BenchServer {
  url: string;
  token: string;
  request<T extends ServerReply['type']>(
    message: ServerMessage,
    expect: T,
  ): Promise<Extract<ServerReply, { type: T }>>;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  store: 'sqlite' | 'postgres';
  databaseUrl?: string;
  schema?: string;
}

/** Forks bench-server.ts and waits until it listens. */
export function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  return forkServer('./bench-server.ts', {
    BENCH_STORE: options.store,
    BENCH_DATABASE_URL: options.databaseUrl ?? '',
    BENCH_SCHEMA: options.schema ?? '',
  });
}

/** Forks floor-server.ts: `commits` durable INSERTs per request into `schema` (0: none). */
export function startFloorServer(options: {
  commits: number;
  databaseUrl: string;
  schema: string;
}): Promise<BenchServer> {
  return forkServer('./floor-server.ts', {
    BENCH_FLOOR_COMMITS: String(options.commits),
    BENCH_DATABASE_URL: options.databaseUrl,
    BENCH_SCHEMA: options.schema,
  });
}

function forkServer(script: string, env: Record<string, string>): Promise<BenchServer> {
  const child: ChildProcess = fork(fileURLToPath(new URL(script, import.meta.url)), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, (reply: ServerReply) => void>();
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.on('message', (raw) => {
      const reply = raw as ServerReply & { seq: number };
      if (reply.type === 'ready') {
        resolve({
          url: reply.url,
          token: reply.token,
          request(message, expect) {
            seq += 1;
            const id = seq;
            return new Promise((done, fail) => {
              pending.set(id, (answer) => {
                if (answer.type === expect)
                  done(answer as Extract<ServerReply, { type: typeof expect }>);
                else
                  fail(
                    new Error(
                      answer.type === 'error' ? answer.message : `unexpected ${answer.type}`,
                    ),
                  );
              });
              child.send({ ...message, seq: id });
            });
          },
          async stop() {
            const exited = new Promise((done) => child.once('exit', done));
            seq += 1;
            child.send({ type: 'stop', seq });
            await exited;
          },
        });
        return;
      }
      pending.get(reply.seq)?.(reply);
      pending.delete(reply.seq);
    });
  });
}
