import { canTransition, FINAL_STATUSES, type SessionStatus } from '@localpay/checkout-core';
import pg from 'pg';
import {
  eventFromRow,
  gatewayOrderEventValues,
  idempotencyFromRow,
  newOrderValues,
  orderFromRow,
  postgresRowDecoding,
} from './order-rows.ts';
import type {
  IdempotencyRecord,
  InsertResult,
  NewOrder,
  NewOrderEvent,
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
  {
    version: 2,
    // Which instance runs the scheduled reconcile (acquireLease).
    sql: 'CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at TEXT NOT NULL);',
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
  /**
   * Connections kept open while idle; default `maxConnections`, so a pool never shrinks below
   * what load has needed (connections are still opened only on demand). A burst after a quiet
   * spell otherwise waits for new connections, each a new PostgreSQL backend with cold caches:
   * in `pnpm bench`, the first half second of webhooks after 20 s idle had about 40 of 250
   * requests over 10 ms (docs/performance.md). Lower it where connections are scarce.
   * The traffic-log pool keeps at most as many as its own size.
   */
  minConnections?: number;
  /**
   * How long a connection above `minConnections` may sit idle before it closes; default 10 s,
   * and 0 never closes one (pg's `idleTimeoutMillis`).
   */
  idleTimeoutMs?: number;
  /**
   * NOTIFY channel for applied status changes (`{ id, status, updatedAt }`), sent inside the
   * change's own statement: a notification goes out exactly when the change commits, with no
   * round trip of its own. Use the channel createPostgresSessionEvents listens on. Off in the
   * handler: PostgreSQL serialises NOTIFYing commits through their WAL flush, which lengthens
   * the status change's tail under load; worth it only where a notification must never be
   * missed between a commit and a crash (SSE streams re-check on every heartbeat anyway).
   */
  statusChannel?: string;
  /**
   * How the gateway traffic log commits (`appendGatewayOrderEvent`, `appendWebhookEvent`: a
   * gateway call made, a webhook received or applied). Default `async`: those rows change no
   * state, so they skip the WAL flush of their own (`synchronous_commit = off` on a small pool of
   * their own); every later synchronous commit (a status change, a new session) flushes them
   * with it, and PostgreSQL's WAL writer within 3 × `wal_writer_delay` (600 ms by default). Only
   * a PostgreSQL crash inside that window can lose such a row. The success hook's completion
   * mark commits the same way: losing it means the hook runs again once its lease ends, which a
   * crash of the process between the hook and its mark causes anyway. Sessions, idempotency keys,
   * status changes, hook claims and refund records always commit synchronously. `sync` flushes
   * every row on its own.
   */
  trafficLogCommit?: 'async' | 'sync';
}

type Row = Record<string, unknown>;

const LOWER_CASE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function checkSchema(schema: string): string {
  // Interpolated into SQL (identifiers cannot be parameters): only plain lower-case names.
  if (!LOWER_CASE_IDENTIFIER.test(schema)) {
    throw new Error('schema must be a lower-case SQL identifier such as "checkout"');
  }
  return schema;
}

/**
 * The `sessions` columns orderFromRow reads. Named rather than `*`: a prepared `SELECT *` fails
 * ("cached plan must not change result type") once a later migration adds a column.
 */
const SESSION_COLUMN_NAMES = [
  'id',
  'provider',
  'method_id',
  'status',
  'amount',
  'currency',
  'lines',
  'merchant_order_id',
  'gateway_order_id',
  'gateway_reference',
  'gateway_api',
  'next_action',
  'return_url',
  'locale',
  'expires_at',
  'failure_reason',
  'refunded_amount',
  'cancel_requested',
  'success_hook',
  'created_at',
  'updated_at',
];
const SESSION_COLUMNS = SESSION_COLUMN_NAMES.join(', ');
const sessionColumnsOf = (table: string) =>
  SESSION_COLUMN_NAMES.map((column) => `${table}.${column}`).join(', ');

const ALL_STATUSES: readonly SessionStatus[] = ['pending', 'processing', ...FINAL_STATUSES];
/** The statuses canTransition lets move to `to`, for the compare-and-set in SQL. */
const statusesBefore = (to: SessionStatus) =>
  ALL_STATUSES.filter((from) => canTransition(from, to));

/** Event rows as one jsonb parameter, expanded in SQL by EVENT_ROWS (in order). */
function eventRows(events: NewOrderEvent[]): string {
  return JSON.stringify(
    events.map((event) => ({
      type: event.type,
      payload: event.payload,
      dedupe_key: event.dedupeKey ?? null,
    })),
  );
}
const EVENT_ROWS = (parameter: string) =>
  `ROWS FROM (jsonb_to_recordset(${parameter}::jsonb) AS (type text, payload jsonb, dedupe_key text))
   WITH ORDINALITY AS e(type, payload, dedupe_key, n)`;
const INSERT_EVENT = 'INSERT INTO order_events (session_id, type, payload, dedupe_key, created_at)';

/** A pool whose connections all use `schema` (search_path is set per connection at startup). */
export function createPostgresPool(
  options: PostgresOrderStoreOptions,
  synchronousCommit = true,
): pg.Pool {
  const schema = checkSchema(options.schema ?? 'public');
  const max = options.maxConnections ?? 10;
  for (const [name, least] of [
    ['maxConnections', 1],
    ['minConnections', 0],
    ['idleTimeoutMs', 0],
  ] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= least)) {
      throw new Error(`${name} must be a whole number, ${least} or more`);
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max,
    min: Math.min(options.minConnections ?? max, max),
    idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
    options: `-c search_path=${schema}${synchronousCommit ? '' : ' -c synchronous_commit=off'}`,
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
 * Takes the lease when it is free, has run out or is the holder's own (a renewal); returns no row
 * when another holder's lease still runs.
 */
const ACQUIRE_LEASE = `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE leases.holder = excluded.holder OR leases.expires_at <= $4
RETURNING holder`;

const INSERT_SESSION_INTO = `INSERT INTO sessions (id, provider, method_id, status, amount, currency,
  lines, merchant_order_id, gateway_order_id, gateway_reference, next_action, return_url, locale,
  expires_at, failure_reason, created_at, updated_at, gateway_api)`;
// Typed: they are also selected (INSERT … SELECT), where nothing else gives them a type.
const SESSION_VALUES = `$1::text, $2::text, $3::text, $4::text, $5::bigint, $6::text, $7::jsonb,
  $8::text, $9::text, $10::text, $11::jsonb, $12::text, $13::text, $14::text, $15::text, $16::text,
  $16::text, $17::text`;
const LOG_INSERTED = `logged AS (
  ${INSERT_EVENT} SELECT inserted.id, e.type, e.payload, e.dedupe_key, $16
  FROM inserted, ${EVENT_ROWS('$18')} ORDER BY e.n
)`;

const INSERT_SESSION = `WITH inserted AS (
  ${INSERT_SESSION_INTO} VALUES (${SESSION_VALUES}) RETURNING ${SESSION_COLUMNS}
), ${LOG_INSERTED}
SELECT ${SESSION_COLUMNS} FROM inserted`;

// The key goes first: an insert racing for the same key waits on its unique index and then
// writes nothing, since the session row is selected from the key's RETURNING. The key's foreign
// key is checked at the end of the statement, when the session exists.
const INSERT_SESSION_WITH_KEY = `WITH key AS (
  INSERT INTO idempotency_keys (key, request_hash, session_id, created_at)
  VALUES ($19, $20, $1, $16) ON CONFLICT (key) DO NOTHING RETURNING key
), inserted AS (
  ${INSERT_SESSION_INTO} SELECT ${SESSION_VALUES} FROM key RETURNING ${SESSION_COLUMNS}
), ${LOG_INSERTED}
SELECT ${SESSION_COLUMNS} FROM inserted`;

/** `SET` items for a patch (the UPDATE's table is aliased `s`); its values go onto `values`. */
function patchSets(patch: OrderPatch, values: unknown[]): string[] {
  const sets: string[] = [];
  const column = (name: string, value: unknown) => {
    values.push(value);
    sets.push(`${name} = $${values.length}`);
  };
  if ('gatewayOrderId' in patch) column('gateway_order_id', patch.gatewayOrderId ?? null);
  if ('gatewayReference' in patch) column('gateway_reference', patch.gatewayReference ?? null);
  if ('next' in patch) column('next_action', patch.next ? JSON.stringify(patch.next) : null);
  if ('failureReason' in patch) column('failure_reason', patch.failureReason ?? null);
  if (patch.refundedAmount !== undefined) column('refunded_amount', patch.refundedAmount);
  if (patch.cancelRequested !== undefined) column('cancel_requested', patch.cancelRequested);
  return sets;
}

/**
 * The order store on PostgreSQL. Migrations run on first use (every method waits for them).
 * Every method is one statement: one round trip, atomic without BEGIN/COMMIT. A status change
 * locks the row (SELECT … FOR UPDATE in a CTE) for its compare-and-set and writes its event row
 * (and NOTIFY) in the same statement. Statements are prepared once per connection.
 */
export function createPostgresOrderStore(options: PostgresOrderStoreOptions): OrderStore {
  const schema = checkSchema(options.schema ?? 'public');
  const { statusChannel } = options;
  // LISTEN takes it as an identifier: any other spelling would never be heard.
  if (statusChannel !== undefined && !LOWER_CASE_IDENTIFIER.test(statusChannel)) {
    throw new Error('statusChannel must be a lower-case SQL identifier');
  }
  const pool = createPostgresPool(options);
  // The traffic log's own few connections, committing without waiting for the WAL flush.
  const trafficPool =
    options.trafficLogCommit === 'sync'
      ? pool
      : createPostgresPool(
          {
            ...options,
            maxConnections: Math.max(2, Math.ceil((options.maxConnections ?? 10) / 2)),
          },
          false,
        );
  const ready = runMigrations(pool, schema);
  // Awaited by every call; a failed migration surfaces there, not as an unhandled rejection.
  ready.catch(() => {});

  // One name per distinct text (a bounded set); pg prepares it on a connection's first use.
  const statementNames = new Map<string, string>();
  async function query(
    text: string,
    values: unknown[] = [],
    on: pg.Pool = pool,
  ): Promise<pg.QueryResult<Row>> {
    await ready;
    let name = statementNames.get(text);
    if (name === undefined) {
      name = `localpay_${statementNames.size + 1}`;
      statementNames.set(text, name);
    }
    return on.query<Row>({ name, text, values });
  }

  const orderOf = (result: pg.QueryResult<Row>): OrderRecord | undefined => {
    const row = result.rows[0];
    return row ? orderFromRow(row, postgresRowDecoding) : undefined;
  };

  async function getIdempotencyKey(key: string): Promise<IdempotencyRecord | undefined> {
    const result = await query(
      'SELECT key, request_hash, session_id, created_at FROM idempotency_keys WHERE key = $1',
      [key],
    );
    const row = result.rows[0];
    return row ? idempotencyFromRow(row) : undefined;
  }

  return {
    async insertOrder(order: NewOrder, idempotency, events = []): Promise<InsertResult> {
      // $16 (created_at) is also updated_at; the events are $18.
      const values: unknown[] = [...newOrderValues(order), eventRows(events)];
      if (!idempotency) {
        return {
          inserted: true,
          order: orderOf(await query(INSERT_SESSION, values)) as OrderRecord,
        };
      }
      values.push(idempotency.key, idempotency.requestHash);
      const inserted = orderOf(await query(INSERT_SESSION_WITH_KEY, values));
      if (inserted) return { inserted: true, order: inserted };
      // The key was taken, so nothing was written: the answer is the key's first session.
      const existing = await getIdempotencyKey(idempotency.key);
      if (!existing) throw new Error('idempotency key vanished while inserting');
      return { inserted: false, existing };
    },

    async getOrder(id) {
      return orderOf(await query(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [id]));
    },

    async findByMerchantOrderId(provider, merchantOrderId) {
      return orderOf(
        await query(
          `SELECT ${SESSION_COLUMNS} FROM sessions WHERE provider = $1 AND merchant_order_id = $2`,
          [provider, merchantOrderId],
        ),
      );
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
      await ready;
      // Not prepared: a generic plan could not use the partial index on open sessions.
      const result = await pool.query<Row>(
        `SELECT ${SESSION_COLUMNS} FROM sessions ${clause}ORDER BY created_at DESC, seq DESC LIMIT $${values.length}`,
        values,
      );
      return result.rows.map((row) => orderFromRow(row, postgresRowDecoding));
    },

    async updateOrder(id, patch, at, events = []) {
      const values: unknown[] = [id, at.toISOString()];
      const sets = ['updated_at = $2', ...patchSets(patch, values)];
      const update = `UPDATE sessions s SET ${sets.join(', ')} WHERE s.id = $1
        RETURNING ${sessionColumnsOf('s')}`;
      if (events.length === 0) return orderOf(await query(update, values));
      values.push(eventRows(events));
      return orderOf(
        await query(
          `WITH updated AS (${update}), logged AS (
             ${INSERT_EVENT} SELECT updated.id, e.type, e.payload, e.dedupe_key, $2
             FROM updated, ${EVENT_ROWS(`$${values.length}`)} ORDER BY e.n
           )
           SELECT ${SESSION_COLUMNS} FROM updated`,
          values,
        ),
      );
    },

    async transition(id, to, patch, at, transitionOptions = {}) {
      const { statusEvent } = transitionOptions;
      const claim = transitionOptions.claimSuccessHook === true && to === 'succeeded';
      const values: unknown[] = [id, statusesBefore(to), at.toISOString(), to];
      const sets = ['updated_at = $3', 'status = $4', ...patchSets(patch, values)];
      if (to === 'succeeded') {
        // Arms the hook, or claims it for the caller (as claimSuccessHook would).
        sets.push(
          `success_hook = CASE WHEN s.success_hook = 'none' THEN '${claim ? 'running' : 'pending'}' ELSE s.success_hook END`,
        );
        if (claim) {
          sets.push(
            "success_hook_claimed_at = CASE WHEN s.success_hook = 'none' THEN $3 ELSE s.success_hook_claimed_at END",
          );
        }
      }
      // The row lock makes read-check-write one step for every instance sharing the database;
      // `locked` is the newest committed row, and the UPDATE applies only if it may move to `to`.
      const ctes = [
        `locked AS (SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1 FOR UPDATE)`,
        `changed AS (
           UPDATE sessions s SET ${sets.join(', ')} FROM locked
           WHERE s.id = locked.id AND locked.status = ANY($2::text[])
           RETURNING ${sessionColumnsOf('s')}, locked.status AS previous,
             locked.success_hook AS previous_hook
         )`,
      ];
      // One INSERT for every row, so ids keep their order: the rows ahead (whenever the session
      // exists), then the status event (only when the change applied).
      const rows: string[] = [];
      if (transitionOptions.events?.length) {
        values.push(eventRows(transitionOptions.events));
        rows.push(`SELECT e.n, e.type, e.payload, e.dedupe_key
          FROM ${EVENT_ROWS(`$${values.length}`)} WHERE EXISTS (SELECT 1 FROM locked)`);
      }
      if (statusEvent) {
        values.push(
          statusEvent.type,
          JSON.stringify(statusEvent.payload),
          statusEvent.dedupeKey ?? null,
        );
        const n = values.length;
        rows.push(`SELECT 2147483647, $${n - 2}::text,
          $${n - 1}::jsonb || jsonb_build_object('from', previous), $${n}::text FROM changed`);
      }
      if (rows.length > 0) {
        ctes.push(`logged AS (
          ${INSERT_EVENT} SELECT $1, r.type, r.payload, r.dedupe_key, $3
          FROM (${rows.join(' UNION ALL ')}) AS r(n, type, payload, dedupe_key) ORDER BY r.n
        )`);
      }
      let notified = '';
      let notNotified = '';
      if (statusChannel !== undefined) {
        values.push(statusChannel);
        // Sent when the statement commits, so only for a change that happened.
        ctes.push(`notified AS (
          SELECT pg_notify($${values.length},
            json_build_object('id', id, 'status', status, 'updatedAt', updated_at)::text)
          FROM changed
        )`);
        notified = ', (SELECT count(*) FROM notified) AS notified';
        notNotified = ', 0::bigint';
      }
      const result = await query(
        `WITH ${ctes.join(', ')}
         SELECT true AS applied, previous, previous_hook, ${SESSION_COLUMNS}${notified} FROM changed
         UNION ALL
         SELECT false, status, success_hook, ${SESSION_COLUMNS}${notNotified} FROM locked
         WHERE NOT EXISTS (SELECT 1 FROM changed)`,
        values,
      );
      const row = result.rows[0];
      if (!row) return undefined;
      const order = orderFromRow(row, postgresRowDecoding);
      const previous = String(row.previous) as SessionStatus;
      if (row.applied !== true) return { applied: false, previous, order };
      return {
        applied: true,
        previous,
        order,
        successHookClaimed: claim && row.previous_hook === 'none',
        ...(statusChannel !== undefined && { notifiedChannel: statusChannel }),
      } satisfies TransitionResult;
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

    // On the traffic log's pool: a completion mark lost to a PostgreSQL crash only means the hook
    // runs again once its lease ends, as after a crash of the process between hook and mark.
    async completeSuccessHook(id, at, events = []) {
      const complete =
        "UPDATE sessions SET success_hook = 'done', success_hook_claimed_at = $1 WHERE id = $2 AND success_hook = 'running'";
      if (events.length === 0) {
        await query(complete, [at.toISOString(), id], trafficPool);
        return;
      }
      await query(
        `WITH completed AS (${complete})
         ${INSERT_EVENT} SELECT $2, e.type, e.payload, e.dedupe_key, $1
         FROM ${EVENT_ROWS('$3')} ORDER BY e.n`,
        [at.toISOString(), id, eventRows(events)],
        trafficPool,
      );
    },

    async releaseSuccessHook(id) {
      await query(
        "UPDATE sessions SET success_hook = 'pending', success_hook_claimed_at = NULL WHERE id = $1 AND success_hook = 'running'",
        [id],
      );
    },

    async appendEvent(sessionId, type, payload, at, dedupeKey) {
      await query(`${INSERT_EVENT} VALUES ($1, $2, $3, $4, $5)`, [
        sessionId,
        type,
        JSON.stringify(payload),
        dedupeKey ?? null,
        at.toISOString(),
      ]);
    },

    async appendGatewayOrderEvent(provider, merchantOrderId, event, at) {
      await query(
        `${INSERT_EVENT} VALUES (
           (SELECT id FROM sessions WHERE provider = $1 AND merchant_order_id = $2), $3, $4, $5, $6)`,
        [...gatewayOrderEventValues(provider, merchantOrderId, event, at)],
        trafficPool,
      );
    },

    async hasEvent(sessionId, type, dedupeKey) {
      const result = await query(
        'SELECT 1 AS found FROM order_events WHERE session_id = $1 AND type = $2 AND dedupe_key = $3 LIMIT 1',
        [sessionId, type, dedupeKey],
      );
      return result.rows.length > 0;
    },

    async appendWebhookEvent(provider, merchantOrderId, event, at, applied) {
      // The EXISTS reads the statement's snapshot: it cannot see the row inserted beside it.
      const result = await query(
        `WITH found AS (
           SELECT ${SESSION_COLUMNS} FROM sessions WHERE provider = $1 AND merchant_order_id = $2
         ), logged AS (
           ${INSERT_EVENT} SELECT id, $3, $4, $5, $6 FROM found
         )
         SELECT ${SESSION_COLUMNS}, EXISTS (
           SELECT 1 FROM order_events
           WHERE session_id = found.id AND type = $7 AND dedupe_key = $8
         ) AS already_applied
         FROM found`,
        [
          ...gatewayOrderEventValues(provider, merchantOrderId, event, at),
          applied.type,
          applied.dedupeKey,
        ],
        trafficPool,
      );
      const row = result.rows[0];
      if (!row) return undefined;
      return {
        order: orderFromRow(row, postgresRowDecoding),
        alreadyApplied: row.already_applied === true,
      };
    },

    async listEvents(sessionId) {
      const result = await query(
        'SELECT id, session_id, type, payload, dedupe_key, created_at FROM order_events WHERE session_id = $1 ORDER BY id',
        [sessionId],
      );
      return result.rows.map((row) => eventFromRow(row, postgresRowDecoding));
    },

    async acquireLease(name, holder, at, ttlMs) {
      const taken = await query(ACQUIRE_LEASE, [
        name,
        holder,
        new Date(at.getTime() + ttlMs).toISOString(),
        at.toISOString(),
      ]);
      return taken.rows.length > 0;
    },

    async releaseLease(name, holder) {
      await query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },

    async ping() {
      await ready;
      await pool.query('SELECT 1');
    },

    async close() {
      await ready.catch(() => {});
      if (!pool.ended) await pool.end();
      if (!trafficPool.ended) await trafficPool.end();
    },
  };
}
