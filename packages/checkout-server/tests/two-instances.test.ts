import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startGatewaySandbox } from '@localpay/gateway-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCheckout } from '../src/node.ts';
import { readEventStream } from './checkout-servers.ts';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from './postgres-database.ts';

const serverScript = fileURLToPath(new URL('./two-instances-server.ts', import.meta.url));
const cliScript = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

interface Instance {
  url: string;
  process: ChildProcess;
  /** Session ids whose success hook ran in this process. */
  hooks: string[];
}

const schema = uniqueSchema('two_instances');
let sandbox: Awaited<ReturnType<typeof startGatewaySandbox>>;
let balancer: Awaited<ReturnType<typeof serveCheckout>>;
let env: Record<string, string>;
let a: Instance;
let b: Instance;

/** Starts two-instances-server.ts and waits for its URL. */
async function startInstance(): Promise<Instance> {
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

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.process.exitCode !== null) return;
  const exited = once(instance.process, 'exit');
  instance.process.kill('SIGTERM');
  await exited;
}

async function createSession(instance: Instance, key: string) {
  const response = await fetch(`${instance.url}/api/checkout/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({
      methodId: 'ksher.card',
      cart: { items: [{ sku: 'tea', quantity: 1 }] },
    }),
  });
  const body = (await response.json()) as { id: string; status: string };
  expect(response.status).toBe(201);
  return body;
}

/** The sandbox order of the newest session (merchant order ids are the server's). */
function newestGatewayOrder() {
  const orders = sandbox.sandbox.ksher.listOrders();
  return orders[orders.length - 1] as (typeof orders)[number];
}

beforeAll(async () => {
  // A front "load balancer" that sends every webhook to instance A only.
  balancer = await serveCheckout(
    (request) => {
      const url = new URL(request.url);
      return fetch(new Request(`${a.url}${url.pathname}${url.search}`, request));
    },
    { port: 0 },
  );
  const webhookUrl = `${balancer.url}/api/checkout/webhooks/ksher`;
  sandbox = await startGatewaySandbox({ port: 0, ksher: { webhookUrl } });
  env = {
    DATABASE_URL: TEST_DATABASE_URL,
    CHECKOUT_DATABASE_SCHEMA: schema,
    KSHER_BASE_URL: sandbox.sandbox.ksher.baseUrl,
    KSHER_API_TOKEN: sandbox.sandbox.ksher.token,
    KSHER_WEBHOOK_URL: webhookUrl,
    KSHER_CHANNELS: 'card',
    KSHER_QR_CHANNELS: '',
  };
  [a, b] = await Promise.all([startInstance(), startInstance()]);
}, 30_000);

afterAll(async () => {
  await Promise.all([stopInstance(a), stopInstance(b)]);
  await balancer?.close();
  await sandbox?.close();
  await dropSchema(schema);
});

describe('two server processes sharing PostgreSQL', () => {
  it('an SSE client on B sees the webhook that A received; the hook runs once', async () => {
    const session = await createSession(b, 'two-1');
    const events = await fetch(`${b.url}/api/checkout/sessions/${session.id}/events`);
    const stream = readEventStream(events);
    expect(await stream.until(/"status":"pending"/)).toContain('"status":"pending"');

    await sandbox.sandbox.ksher.pay(newestGatewayOrder().merchantOrderId);

    expect(await stream.until(/"status":"succeeded"/)).toContain('"status":"succeeded"');
    const read = await fetch(`${b.url}/api/checkout/sessions/${session.id}`);
    expect(await read.json()).toMatchObject({ id: session.id, status: 'succeeded' });
    expect([...a.hooks, ...b.hooks]).toEqual([session.id]);
    expect(a.hooks).toEqual([session.id]); // A applied the webhook
  });

  it('`checkout-server reconcile` adopts a payment whose webhook was dropped', async () => {
    const session = await createSession(a, 'two-2');
    const events = await fetch(`${b.url}/api/checkout/sessions/${session.id}/events`);
    const stream = readEventStream(events);
    await stream.until(/"status":"pending"/);
    sandbox.sandbox.ksher.faults.set({ webhooks: 'drop' });
    await sandbox.sandbox.ksher.pay(newestGatewayOrder().merchantOrderId);

    const cli = spawn(process.execPath, [cliScript, 'reconcile', '--older-than-minutes', '0'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    cli.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const [code] = (await once(cli, 'exit')) as [number];
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { changed: unknown[] };
    expect(report.changed).toContainEqual({ id: session.id, from: 'pending', to: 'succeeded' });
    // The CLI's change reaches B's open stream through NOTIFY too.
    expect(await stream.until(/"status":"succeeded"/)).toContain('"status":"succeeded"');
    sandbox.sandbox.ksher.faults.reset();
  });

  it('`checkout-server migrate` finds nothing left to apply', async () => {
    const cli = spawn(process.execPath, [cliScript, 'migrate'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    cli.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const [code] = (await once(cli, 'exit')) as [number];
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ store: 'postgres', schema, applied: [] });
  });
});
