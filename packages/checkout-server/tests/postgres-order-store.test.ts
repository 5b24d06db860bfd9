import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckoutHandler } from '../src/handler.ts';
import {
  createPostgresOrderStore,
  migratePostgres,
  POSTGRES_SCHEMA_VERSION,
} from '../src/store/postgres-order-store.ts';
import { describeOrderStore, later, newOrder } from './order-store-suite.ts';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from './postgres-database.ts';

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

describeOrderStore('PostgreSQL', async () => {
  const schema = uniqueSchema('store');
  schemas.push(schema);
  return {
    open: () => createPostgresOrderStore({ connectionString: TEST_DATABASE_URL, schema }),
    destroy: () => dropSchema(schema),
  };
});

describe('PostgreSQL status NOTIFY', () => {
  it('is sent by the transition itself, only when the change applies', async () => {
    const schema = uniqueSchema('notify');
    schemas.push(schema);
    const statusChannel = `${schema}_events`;
    const store = createPostgresOrderStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      statusChannel,
    });
    const listener = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await listener.connect();
    const received: unknown[] = [];
    let wake = () => {};
    listener.on('notification', (message) => {
      received.push(JSON.parse(message.payload ?? ''));
      wake();
    });
    await listener.query(`LISTEN ${statusChannel}`);
    try {
      await store.insertOrder(newOrder('cs_1'));
      await store.insertOrder(newOrder('cs_2'));
      const paid = await store.transition('cs_1', 'succeeded', {}, later);
      expect(paid).toMatchObject({ applied: true, notifiedChannel: statusChannel });
      const ignored = await store.transition('cs_1', 'failed', {}, later);
      expect(ignored).toMatchObject({ applied: false });
      expect(ignored).not.toHaveProperty('notifiedChannel');
      await store.transition('cs_2', 'expired', {}, later);
      // Notifications arrive in commit order: the ignored change would sit between these two.
      while (received.length < 2) await new Promise<void>((resolve) => (wake = resolve));
      expect(received).toEqual([
        { id: 'cs_1', status: 'succeeded', updatedAt: later.toISOString() },
        { id: 'cs_2', status: 'expired', updatedAt: later.toISOString() },
      ]);
    } finally {
      await listener.end();
      await store.close();
    }
  });
});

describe('PostgreSQL migrations', () => {
  it('apply once, concurrently from several processes, and record the version', async () => {
    const schema = uniqueSchema('migrate');
    schemas.push(schema);
    const options = { connectionString: TEST_DATABASE_URL, schema };
    const runs = await Promise.all([1, 2, 3].map(() => migratePostgres(options)));
    expect(runs.flat()).toEqual([1, POSTGRES_SCHEMA_VERSION]);
    expect(await migratePostgres(options)).toEqual([]);
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const versions = await client.query(`SELECT version FROM ${schema}.schema_migrations`);
    await client.end();
    expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }]);

    const store = createPostgresOrderStore(options);
    await store.insertOrder(newOrder('cs_1'));
    expect((await store.getOrder('cs_1'))?.status).toBe('pending');
    await store.close();
  });

  it('rejects a schema name that is not a plain identifier', () => {
    expect(() =>
      createPostgresOrderStore({ connectionString: TEST_DATABASE_URL, schema: 'x; DROP' }),
    ).toThrow(/schema/);
  });

  it('fails every call, not the process, when the database is unreachable', async () => {
    const store = createPostgresOrderStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
    });
    await expect(store.ping?.()).rejects.toThrow();
    await expect(store.getOrder('cs_1')).rejects.toThrow();
    await store.close();
  });
});

describe('PostgreSQL connections', () => {
  /** Opens `options`' store, loads it with 8 reads at once, then lets it sit idle for 300 ms. */
  async function connectionsLeftIdle(options: {
    maxConnections: number;
    minConnections?: number;
  }): Promise<number> {
    const schema = uniqueSchema('pool');
    schemas.push(schema);
    const applicationName = `localpay_${schema}`;
    const store = createPostgresOrderStore({
      connectionString: `${TEST_DATABASE_URL}?application_name=${applicationName}`,
      schema,
      idleTimeoutMs: 50,
      ...options,
    });
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.getOrder(`cs_${i}`)));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const open = await client.query(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      return open.rows[0].n;
    } finally {
      await client.end();
      await store.close();
    }
  }

  it('keeps the connections load opened, so a burst after a quiet spell finds them', async () => {
    expect(await connectionsLeftIdle({ maxConnections: 3 })).toBe(3);
  });

  it('closes idle connections above minConnections', async () => {
    expect(await connectionsLeftIdle({ maxConnections: 3, minConnections: 1 })).toBe(1);
  });

  it('rejects pool sizes that are not whole numbers', () => {
    for (const bad of [{ maxConnections: 0 }, { minConnections: -1 }, { idleTimeoutMs: 1.5 }]) {
      expect(() =>
        createPostgresOrderStore({ connectionString: TEST_DATABASE_URL, ...bad }),
      ).toThrow(Object.keys(bad)[0]);
    }
  });
});

describe('createCheckoutHandler with databaseUrl', () => {
  // Never called here: only the store is exercised.
  const ksher = {
    baseUrl: 'http://127.0.0.1:1/ksher',
    token: 't'.repeat(32),
    webhookUrl: 'http://shop.test/webhooks/ksher',
  };

  it('keeps sessions in PostgreSQL and is ready while it answers', async () => {
    const schema = uniqueSchema('handler');
    schemas.push(schema);
    const handler = createCheckoutHandler({
      resolveCart: () => ({ currency: 'THB', lines: [] }),
      ksher,
      databaseUrl: TEST_DATABASE_URL,
      databaseSchema: schema,
      logger: { log: () => {} },
    });
    const ready = await handler.fetch(new Request('http://shop.test/readyz'));
    expect(await ready.json()).toEqual({ status: 'ready' });
    await handler.store.insertOrder(newOrder('cs_pg'));
    await handler.close();
    const reopened = createPostgresOrderStore({ connectionString: TEST_DATABASE_URL, schema });
    expect((await reopened.getOrder('cs_pg'))?.id).toBe('cs_pg');
    await reopened.close();
  });

  it('is not ready when the database is down, and never logs its password', async () => {
    const lines: string[] = [];
    const handler = createCheckoutHandler({
      resolveCart: () => ({ currency: 'THB', lines: [] }),
      ksher,
      databaseUrl: 'postgres://postgres:db-pass-9731@127.0.0.1:1/test',
      logger: { log: (_level, message, fields) => lines.push(message + JSON.stringify(fields)) },
    });
    const ready = await handler.fetch(new Request('http://shop.test/readyz'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'store_unreachable' });
    const read = await handler.fetch(new Request('http://shop.test/sessions/cs_1'));
    expect(read.status).toBe(500);
    expect(await read.text()).not.toContain('db-pass-9731');
    await handler.close();
    expect(lines.join('\n')).not.toContain('db-pass-9731');
  });
});
