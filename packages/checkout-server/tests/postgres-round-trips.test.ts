/**
 * The PostgreSQL round trips of the hot paths, pinned. Every statement any pg client in this
 * process sends is counted while one POST /sessions and one first "Order Paid" webhook run;
 * each is a round trip inside the request, so a higher count is a regression.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createPostgresSessionEvents,
  type PostgresSessionEvents,
} from '../src/session-events-postgres.ts';
import type { OrderStore } from '../src/store/order-store.ts';
import { createPostgresOrderStore, migratePostgres } from '../src/store/postgres-order-store.ts';
import { createHarness, type Harness } from './handler-harness.ts';
import {
  dropSchema,
  nextSessionEvent,
  TEST_DATABASE_URL,
  uniqueSchema,
} from './postgres-database.ts';

const schema = uniqueSchema('round_trips');
let events: PostgresSessionEvents;
let store: OrderStore;
let harness: Harness;

beforeAll(async () => {
  await migratePostgres({ connectionString: TEST_DATABASE_URL, schema });
  events = createPostgresSessionEvents({ connectionString: TEST_DATABASE_URL, channel: schema });
  // As the handler wires them from a databaseUrl: the fan-out NOTIFYs after each status change.
  store = createPostgresOrderStore({ connectionString: TEST_DATABASE_URL, schema });
  await Promise.all([events.ready(), store.ping?.()]);
  harness = createHarness({ store, sessionEvents: events });
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await harness?.handler.close();
  await store?.close();
  await events?.close();
  await dropSchema(schema);
});

/** Records the statements every pg client sends, and the pool checkouts, from now on. */
function countStatements() {
  const query = vi.spyOn(pg.Client.prototype, 'query');
  const checkout = vi.spyOn(pg.Pool.prototype, 'connect');
  return () => {
    const statements = query.mock.calls.map(([config]) => {
      const text = typeof config === 'string' ? config : (config as { text: string }).text;
      return text.replace(/\s+/g, ' ').trim();
    });
    // Statements on connections that commit without waiting for a WAL flush (the traffic log's
    // and the fan-out's NOTIFY).
    const lazy = query.mock.contexts.filter((client) =>
      String(
        (client as { connectionParameters?: { options?: string } }).connectionParameters?.options,
      ).includes('synchronous_commit=off'),
    ).length;
    const counts = {
      statements: statements.length,
      noFlushWait: lazy,
      checkouts: checkout.mock.calls.length,
    };
    query.mockClear();
    checkout.mockClear();
    return { statements, counts, listing: statements.join('\n') };
  };
}

describe('PostgreSQL round trips per request', () => {
  it('POST /sessions: 2 statements, both waiting for a WAL flush; a first webhook: 4 and a NOTIFY, 1 waiting; no BEGIN/COMMIT', async () => {
    const statements = countStatements();
    const session = await harness.createSession('round-trips-1');
    const create = statements();
    // Session + key + session_created (no key lookup before: the insert finds a used key);
    // the gateway order + its gateway_call and gateway_order_created rows.
    expect(create.counts, create.listing).toEqual({ statements: 2, noFlushWait: 0, checkouts: 2 });

    const merchantOrderId = (await store.getOrder(session.id))?.merchantOrderId as string;
    await harness.gateway.pay(merchantOrderId);
    const changed = nextSessionEvent(events, session.id);
    statements();
    const webhook = await harness.webhook(merchantOrderId, 'Order Paid');
    expect(webhook.status).toBe(200);
    // The fan-out's NOTIFY follows the commit and came back over LISTEN.
    expect(await changed).toMatchObject({ id: session.id, status: 'succeeded' });
    const first = statements();
    // Lookup + webhook_received + duplicate check; the query's gateway_call + transition +
    // status_changed + hook claim; hook done + its event; webhook_applied; the NOTIFY. Only the
    // transition (with the hook's claim) waits for its commit to reach the disk: a lost
    // completion mark re-runs the hook after its lease, as a crash between hook and mark would.
    expect(first.counts, first.listing).toEqual({ statements: 5, noFlushWait: 4, checkouts: 5 });
    expect(first.statements.filter((text) => text.startsWith('SELECT pg_notify'))).toHaveLength(1);
    expect(harness.hooks).toEqual([session.id]);

    const again = await harness.webhook(merchantOrderId, 'Order Paid');
    expect(again.status).toBe(200);
    const duplicate = statements();
    expect(duplicate.counts, duplicate.listing).toEqual({
      statements: 1,
      noFlushWait: 1,
      checkouts: 1,
    });

    const all = [...create.statements, ...first.statements, ...duplicate.statements];
    expect(all.filter((text) => /^(BEGIN|COMMIT|ROLLBACK)\b/i.test(text))).toEqual([]);
    expect((await store.listEvents(session.id)).map((event) => event.type)).toEqual([
      'session_created',
      'gateway_call',
      'gateway_order_created',
      'webhook_received',
      'gateway_call',
      'status_changed',
      'success_hook_completed',
      'webhook_applied',
      'webhook_received',
    ]);
  });
});

describe('trafficLogCommit', () => {
  it('sync sends the traffic log over the synchronously committing pool too', async () => {
    const syncStore = createPostgresOrderStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      trafficLogCommit: 'sync',
    });
    try {
      await syncStore.ping?.();
      const at = new Date();
      const call = { type: 'gateway_call', payload: {} };
      const statements = countStatements();
      await syncStore.appendGatewayOrderEvent('ksher', 'no-such-order', call, at);
      await syncStore.appendWebhookEvent('ksher', 'no-such-order', call, at, {
        type: 'webhook_applied',
        dedupeKey: 'x',
      });
      expect(statements().counts).toEqual({ statements: 2, noFlushWait: 0, checkouts: 2 });
      await store.appendGatewayOrderEvent('ksher', 'no-such-order', call, at);
      expect(statements().counts).toEqual({ statements: 1, noFlushWait: 1, checkouts: 1 });
    } finally {
      await syncStore.close();
    }
  });
});
