import { canTransition, type SessionStatus } from '@localpay/checkout-core';
import pg from 'pg';
import {
  eventFromRow,
  idempotencyFromRow,
  orderFromRow,
  postgresRowDecoding,
} from './order-rows.ts';
import type {
  IdempotencyRecord,
  InsertResult,
  NewOrder,
  OrderPatch,
  OrderRecord,
  OrderStore,
  TransitionResult,
} from './order-store.ts';

/**
 * Versioned, append-only migrations; each runs once, inside a transaction. Timestamps are ISO
 * text, as in SQLite, so both stores return byte-identical records; they sort correctly as text.
 */
const migrations: Array<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE sessions (
        seq BIGSERIAL UNIQUE,
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        method_id TEXT NOT NULL,
        status TEXT NOT NULL,
        amount BIGINT NOT NULL,
        currency TEXT NOT NULL,
        lines JSONB NOT NULL,
        merchant_order_id TEXT NOT NULL,
        gateway_order_id TEXT,
        gateway_reference TEXT,
        gateway_api TEXT,
        next_action JSONB,
        return_url TEXT,
        locale TEXT,
        expires_at TEXT NOT NULL,
        failure_reason TEXT,
        refunded_amount BIGINT NOT NULL DEFAULT 0,
        cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
        success_hook TEXT NOT NULL DEFAULT 'none',
        success_hook_claimed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (provider, merchant_order_id)
      );
      CREATE INDEX sessions_created_at ON sessions (created_at);
      CREATE INDEX sessions_open ON sessions (status, created_at)
        WHERE status IN ('pending', 'processing');
      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        created_at TEXT NOT NULL
      );
      CREATE TABLE order_events (
        id BIGSERIAL PRIMARY KEY,
        session_id TEXT,
        type TEXT NOT NULL,
        payload JSONB NOT NULL,
        dedupe_key TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX order_events_session ON order_events (session_id, id);
      CREATE INDEX order_events_dedupe ON order_events (session_id, type, dedupe_key)
        WHERE dedupe_key IS NOT NULL;
    `,
  },
];

/** The newest migration version this build knows. */
export const POSTGRES_SCHEMA_VERSION = migrations[migrations.length - 1]?.version ?? 0;

export interface PostgresOrderStoreOptions {
  /** `postgres://user:password@host:5432/database` (the `DATABASE_URL`). */
  connectionString: string;
  /** Schema for the tables (created when missing); default `public`. */
  schema?: string;
  /** Pool size; default 10. */
  maxConnections?: number;
}

type Row = Record<string, unknown>;
type Queryable = Pick<pg.PoolClient, 'query'>;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function checkSchema(schema: string): string {
  // Interpolated into SQL (identifiers cannot be parameters): only plain lower-case names.
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error('schema must be a lower-case SQL identifier such as "checkout"');
  }
  return schema;
}

/** A pool whose connections all use `schema` (search_path is set per connection at startup). */
export function createPostgresPool(options: PostgresOrderStoreOptions): pg.Pool {
  const schema = checkSchema(options.schema ?? 'public');
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  // An idle client losing its connection emits here; without a listener the process would exit.
  pool.on('error', () => {});
  return pool;
}

/**
 * Applies every pending migration. Safe to run from several processes at once: an advisory lock
 * serialises them and each version is applied exactly once. Returns the versions it applied.
 */
export async function migratePostgres(options: PostgresOrderStoreOptions): Promise<number[]> {
  const pool = createPostgresPool({ ...options, maxConnections: 1 });
  try {
    return await runMigrations(pool, checkSchema(options.schema ?? 'public'));
  } finally {
    await pool.end();
  }
}

async function runMigrations(pool: pg.Pool, schema: string): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    // One lock for every process migrating this schema; released at COMMIT.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `localpay-checkout:${schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const doneVersions = new Set(done.rows.map((row) => Number(row.version)));
    for (const migration of migrations) {
      if (doneVersions.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        migration.version,
        new Date().toISOString(),
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The order store on PostgreSQL. Migrations run on first use (every method waits for them).
 * Status changes lock the row (SELECT … FOR UPDATE) so a compare-and-set holds across instances.
 */
export function createPostgresOrderStore(options: PostgresOrderStoreOptions): OrderStore {
  const schema = checkSchema(options.schema ?? 'public');
  const pool = createPostgresPool(options);
  const ready = runMigrations(pool, schema);
  // Awaited by every call; a failed migration surfaces there, not as an unhandled rejection.
  ready.catch(() => {});

  async function query(sql: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> {
    await ready;
    return pool.query<Row>(sql, values);
  }

  async function inTransaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    await ready;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async function getRow(db: Queryable, id: string, lock = false): Promise<OrderRecord | undefined> {
    const result = await db.query<Row>(
      `SELECT * FROM sessions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    const row = result.rows[0];
    return row ? orderFromRow(row, postgresRowDecoding) : undefined;
  }

  async function applyPatch(
    db: Queryable,
    id: string,
    patch: OrderPatch,
    at: Date,
    status?: SessionStatus,
  ): Promise<OrderRecord | undefined> {
    const values: unknown[] = [at.toISOString()];
    const sets: string[] = ['updated_at = $1'];
    const column = (name: string, value: unknown) => {
      values.push(value);
      sets.push(`${name} = $${values.length}`);
    };
    if (status !== undefined) column('status', status);
    if ('gatewayOrderId' in patch) column('gateway_order_id', patch.gatewayOrderId ?? null);
    if ('gatewayReference' in patch) column('gateway_reference', patch.gatewayReference ?? null);
    if ('next' in patch) column('next_action', patch.next ? JSON.stringify(patch.next) : null);
    if ('failureReason' in patch) column('failure_reason', patch.failureReason ?? null);
    if (patch.refundedAmount !== undefined) column('refunded_amount', patch.refundedAmount);
    if (patch.cancelRequested !== undefined) column('cancel_requested', patch.cancelRequested);
    if (status === 'succeeded') {
      sets.push(
        "success_hook = CASE WHEN success_hook = 'none' THEN 'pending' ELSE success_hook END",
      );
    }
    values.push(id);
    const result = await db.query<Row>(
      `UPDATE sessions SET ${sets.join(', ')} WHERE id = $${values.length} RETURNING *`,
      values,
    );
    const row = result.rows[0];
    return row ? orderFromRow(row, postgresRowDecoding) : undefined;
  }

  async function getIdempotencyKey(key: string): Promise<IdempotencyRecord | undefined> {
    const result = await query('SELECT * FROM idempotency_keys WHERE key = $1', [key]);
    const row = result.rows[0];
    return row ? idempotencyFromRow(row) : undefined;
  }

  return {
    async insertOrder(order: NewOrder, idempotency): Promise<InsertResult> {
      if (idempotency) {
        const existing = await getIdempotencyKey(idempotency.key);
        if (existing) return { inserted: false, existing };
      }
      const outcome = await inTransaction(async (db): Promise<InsertResult | 'key_taken'> => {
        const inserted = await db.query<Row>(
          `INSERT INTO sessions (id, provider, method_id, status, amount, currency, lines,
             merchant_order_id, gateway_order_id, gateway_reference, next_action, return_url, locale,
             expires_at, failure_reason, created_at, updated_at, gateway_api)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)
           RETURNING *`,
          [
            order.id,
            order.provider,
            order.methodId,
            order.status,
            order.amount,
            order.currency,
            JSON.stringify(order.lines),
            order.merchantOrderId,
            order.gatewayOrderId ?? null,
            order.gatewayReference ?? null,
            order.next ? JSON.stringify(order.next) : null,
            order.returnUrl ?? null,
            order.locale ?? null,
            order.expiresAt,
            order.failureReason ?? null,
            order.createdAt,
            order.gatewayApi ?? null,
          ],
        );
        if (idempotency) {
          // A concurrent insert with the same key waits on the unique index, then gets nothing.
          const key = await db.query(
            `INSERT INTO idempotency_keys (key, request_hash, session_id, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING key`,
            [idempotency.key, idempotency.requestHash, order.id, order.createdAt],
          );
          if (key.rowCount !== 1) throw new KeyTaken();
        }
        return {
          inserted: true,
          order: orderFromRow(inserted.rows[0] as Row, postgresRowDecoding),
        };
      }).catch((error: unknown) => {
        if (error instanceof KeyTaken) return 'key_taken' as const;
        throw error;
      });
      if (outcome !== 'key_taken') return outcome;
      const existing = await getIdempotencyKey((idempotency as { key: string }).key);
      if (!existing) throw new Error('idempotency key vanished while inserting');
      return { inserted: false, existing };
    },

    async getOrder(id) {
      await ready;
      return getRow(pool, id);
    },

    async findByMerchantOrderId(provider, merchantOrderId) {
      const result = await query(
        'SELECT * FROM sessions WHERE provider = $1 AND merchant_order_id = $2',
        [provider, merchantOrderId],
      );
      const row = result.rows[0];
      return row ? orderFromRow(row, postgresRowDecoding) : undefined;
    },

    async listOrders(listOptions = {}) {
      const limit = Math.min(Math.max(Math.trunc(listOptions.limit ?? 100), 1), 1000);
      const where: string[] = [];
      const values: unknown[] = [];
      const filter = (sql: string, value: unknown) => {
        values.push(value);
        where.push(`${sql} $${values.length}`);
      };
      if (listOptions.status !== undefined) filter('status =', listOptions.status);
      if (listOptions.provider !== undefined) filter('provider =', listOptions.provider);
      if (listOptions.createdBefore !== undefined)
        filter('created_at <', listOptions.createdBefore);
      if (listOptions.successHook !== undefined) filter('success_hook =', listOptions.successHook);
      values.push(limit);
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')} ` : '';
      const result = await query(
        `SELECT * FROM sessions ${clause}ORDER BY created_at DESC, seq DESC LIMIT $${values.length}`,
        values,
      );
      return result.rows.map((row) => orderFromRow(row, postgresRowDecoding));
    },

    async updateOrder(id, patch, at) {
      await ready;
      return applyPatch(pool, id, patch, at);
    },

    async transition(id, to, patch, at): Promise<TransitionResult | undefined> {
      return inTransaction(async (db) => {
        // The row lock makes read-check-write one step for every instance sharing the database.
        const current = await getRow(db, id, true);
        if (!current) return undefined;
        if (!canTransition(current.status, to)) {
          return { applied: false, previous: current.status, order: current };
        }
        const order = (await applyPatch(db, id, patch, at, to)) as OrderRecord;
        return { applied: true, previous: current.status, order };
      });
    },

    getIdempotencyKey,

    async releaseIdempotencyKey(key) {
      await query('DELETE FROM idempotency_keys WHERE key = $1', [key]);
    },

    async claimSuccessHook(id, at, leaseMs) {
      const staleBefore = new Date(at.getTime() - leaseMs).toISOString();
      // One conditional UPDATE: PostgreSQL re-checks the WHERE on the locked row, so only one wins.
      const result = await query(
        `UPDATE sessions SET success_hook = 'running', success_hook_claimed_at = $1
         WHERE id = $2 AND (success_hook = 'pending'
           OR (success_hook = 'running' AND success_hook_claimed_at < $3))`,
        [at.toISOString(), id, staleBefore],
      );
      return result.rowCount === 1;
    },

    async completeSuccessHook(id, at) {
      await query(
        "UPDATE sessions SET success_hook = 'done', success_hook_claimed_at = $1 WHERE id = $2 AND success_hook = 'running'",
        [at.toISOString(), id],
      );
    },

    async releaseSuccessHook(id) {
      await query(
        "UPDATE sessions SET success_hook = 'pending', success_hook_claimed_at = NULL WHERE id = $1 AND success_hook = 'running'",
        [id],
      );
    },

    async appendEvent(sessionId, type, payload, at, dedupeKey) {
      await query(
        'INSERT INTO order_events (session_id, type, payload, dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5)',
        [sessionId, type, JSON.stringify(payload), dedupeKey ?? null, at.toISOString()],
      );
    },

    async hasEvent(sessionId, type, dedupeKey) {
      const result = await query(
        'SELECT 1 AS found FROM order_events WHERE session_id = $1 AND type = $2 AND dedupe_key = $3 LIMIT 1',
        [sessionId, type, dedupeKey],
      );
      return result.rows.length > 0;
    },

    async listEvents(sessionId) {
      const result = await query('SELECT * FROM order_events WHERE session_id = $1 ORDER BY id', [
        sessionId,
      ]);
      return result.rows.map((row) => eventFromRow(row, postgresRowDecoding));
    },

    async ping() {
      await query('SELECT 1');
    },

    async close() {
      await ready.catch(() => {});
      if (!pool.ended) await pool.end();
    },
  };
}

class KeyTaken extends Error {}
