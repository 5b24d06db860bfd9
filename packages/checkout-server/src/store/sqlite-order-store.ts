import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { canTransition, type SessionStatus } from '@localpay/checkout-core';
import {
  eventFromRow,
  gatewayOrderEventValues,
  idempotencyFromRow,
  newOrderValues,
  orderFromRow,
  sqliteRowDecoding,
} from './order-rows.ts';
import type {
  InsertResult,
  NewOrder,
  NewOrderEvent,
  OrderPatch,
  OrderRecord,
  OrderStore,
  TransitionResult,
} from './order-store.ts';

/** Versioned, append-only migrations; each runs once, inside a transaction. */
const migrations: Array<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        method_id TEXT NOT NULL,
        status TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        lines TEXT NOT NULL,
        merchant_order_id TEXT NOT NULL,
        gateway_order_id TEXT,
        gateway_reference TEXT,
        next_action TEXT,
        return_url TEXT,
        locale TEXT,
        expires_at TEXT NOT NULL,
        failure_reason TEXT,
        refunded_amount INTEGER NOT NULL DEFAULT 0,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        success_hook TEXT NOT NULL DEFAULT 'none',
        success_hook_claimed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (provider, merchant_order_id)
      );
      CREATE INDEX sessions_created_at ON sessions (created_at);
      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        created_at TEXT NOT NULL
      );
      CREATE TABLE order_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
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
    // NULL on older rows: those are Ksher redirect orders (the only API there was).
    sql: 'ALTER TABLE sessions ADD COLUMN gateway_api TEXT;',
  },
  {
    version: 3,
    // Which instance runs the scheduled reconcile (acquireLease).
    sql: 'CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at TEXT NOT NULL);',
  },
];

/**
 * Takes the lease when it is free, has run out or is the holder's own (a renewal); returns no row
 * when another holder's lease still runs.
 */
const ACQUIRE_LEASE = `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
RETURNING holder`;

export interface SqliteOrderStoreOptions {
  /** File path (parent folders are created) or `:memory:`. */
  path: string;
  busyTimeoutMs?: number;
}

type Row = Record<string, SQLInputValue>;

export function createSqliteOrderStore(options: SqliteOrderStoreOptions): OrderStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new DatabaseSync(options.path);
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db);

  // node:sqlite is synchronous, so a BEGIN IMMEDIATE…COMMIT block cannot interleave with another
  // call in this process; IMMEDIATE takes the write lock up front against other processes.
  function inTransaction<T>(work: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  const selectById = db.prepare('SELECT * FROM sessions WHERE id = ?');
  const selectByMerchantOrderId = db.prepare(
    'SELECT * FROM sessions WHERE provider = ? AND merchant_order_id = ?',
  );
  const getRow = (id: string): OrderRecord | undefined => {
    const row = selectById.get(id) as Row | undefined;
    return row ? orderFromRow(row, sqliteRowDecoding) : undefined;
  };

  function applyPatch(
    id: string,
    patch: OrderPatch,
    at: Date,
    status?: SessionStatus,
    claimSuccessHook = false,
  ): void {
    const sets: string[] = ['updated_at = ?'];
    const values: SQLInputValue[] = [at.toISOString()];
    const column = (name: string, value: SQLInputValue) => {
      sets.push(`${name} = ?`);
      values.push(value);
    };
    if (status !== undefined) column('status', status);
    if ('gatewayOrderId' in patch) column('gateway_order_id', patch.gatewayOrderId ?? null);
    if ('gatewayReference' in patch) column('gateway_reference', patch.gatewayReference ?? null);
    if ('next' in patch) column('next_action', patch.next ? JSON.stringify(patch.next) : null);
    if ('failureReason' in patch) column('failure_reason', patch.failureReason ?? null);
    if (patch.refundedAmount !== undefined) column('refunded_amount', patch.refundedAmount);
    if (patch.cancelRequested !== undefined)
      column('cancel_requested', patch.cancelRequested ? 1 : 0);
    if (claimSuccessHook) {
      sets.push("success_hook = 'running'");
      column('success_hook_claimed_at', at.toISOString());
    } else if (status === 'succeeded') {
      sets.push(
        "success_hook = CASE WHEN success_hook = 'none' THEN 'pending' ELSE success_hook END",
      );
    }
    values.push(id);
    db.prepare(`UPDATE sessions SET ${sets.join(', ')} WHERE id = ?`).run(...values);
  }

  const insertEvent = db.prepare(
    'INSERT INTO order_events (session_id, type, payload, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  function appendEvents(sessionId: string | null, events: NewOrderEvent[], at: string): void {
    for (const event of events) {
      insertEvent.run(
        sessionId,
        event.type,
        JSON.stringify(event.payload),
        event.dedupeKey ?? null,
        at,
      );
    }
  }
  const selectEvent = db.prepare(
    'SELECT 1 AS found FROM order_events WHERE session_id = ? AND type = ? AND dedupe_key = ? LIMIT 1',
  );
  const hasEventRow = (sessionId: string, type: string, dedupeKey: string) =>
    selectEvent.get(sessionId, type, dedupeKey) !== undefined;

  return {
    async insertOrder(order: NewOrder, idempotency, events = []): Promise<InsertResult> {
      return inTransaction(() => {
        if (idempotency) {
          const existing = db
            .prepare('SELECT * FROM idempotency_keys WHERE key = ?')
            .get(idempotency.key) as Row | undefined;
          if (existing) return { inserted: false, existing: idempotencyFromRow(existing) };
        }
        db.prepare(
          `INSERT INTO sessions (id, provider, method_id, status, amount, currency, lines,
             merchant_order_id, gateway_order_id, gateway_reference, next_action, return_url, locale,
             expires_at, failure_reason, created_at, gateway_api, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...(newOrderValues(order) as SQLInputValue[]), order.createdAt);
        if (idempotency) {
          db.prepare(
            'INSERT INTO idempotency_keys (key, request_hash, session_id, created_at) VALUES (?, ?, ?, ?)',
          ).run(idempotency.key, idempotency.requestHash, order.id, order.createdAt);
        }
        appendEvents(order.id, events, order.createdAt);
        return { inserted: true, order: getRow(order.id) as OrderRecord };
      });
    },

    async getOrder(id) {
      return getRow(id);
    },

    async findByMerchantOrderId(provider, merchantOrderId) {
      const row = selectByMerchantOrderId.get(provider, merchantOrderId) as Row | undefined;
      return row ? orderFromRow(row, sqliteRowDecoding) : undefined;
    },

    async listOrders(listOptions = {}) {
      const limit = Math.min(Math.max(Math.trunc(listOptions.limit ?? 100), 1), 1000);
      const where: string[] = [];
      const values: SQLInputValue[] = [];
      if (listOptions.status !== undefined) {
        where.push('status = ?');
        values.push(listOptions.status);
      }
      if (listOptions.provider !== undefined) {
        where.push('provider = ?');
        values.push(listOptions.provider);
      }
      if (listOptions.createdBefore !== undefined) {
        where.push('created_at < ?');
        values.push(listOptions.createdBefore);
      }
      if (listOptions.successHook !== undefined) {
        where.push('success_hook = ?');
        values.push(listOptions.successHook);
      }
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')} ` : '';
      const rows = db
        .prepare(`SELECT * FROM sessions ${filter}ORDER BY created_at DESC, rowid DESC LIMIT ?`)
        .all(...values, limit) as Row[];
      return rows.map((row) => orderFromRow(row, sqliteRowDecoding));
    },

    async updateOrder(id, patch, at, events = []) {
      return inTransaction(() => {
        if (!getRow(id)) return undefined;
        applyPatch(id, patch, at);
        appendEvents(id, events, at.toISOString());
        return getRow(id);
      });
    },

    async transition(
      id,
      to,
      patch,
      at,
      transitionOptions = {},
    ): Promise<TransitionResult | undefined> {
      return inTransaction(() => {
        const current = getRow(id);
        if (!current) return undefined;
        appendEvents(id, transitionOptions.events ?? [], at.toISOString());
        if (!canTransition(current.status, to)) {
          return { applied: false, previous: current.status, order: current };
        }
        const claim =
          transitionOptions.claimSuccessHook === true &&
          to === 'succeeded' &&
          current.successHook === 'none';
        applyPatch(id, patch, at, to, claim);
        const { statusEvent } = transitionOptions;
        if (statusEvent) {
          const payload = { from: current.status, ...statusEvent.payload };
          appendEvents(id, [{ ...statusEvent, payload }], at.toISOString());
        }
        return {
          applied: true,
          previous: current.status,
          order: getRow(id) as OrderRecord,
          successHookClaimed: claim,
        };
      });
    },

    async getIdempotencyKey(key) {
      const row = db.prepare('SELECT * FROM idempotency_keys WHERE key = ?').get(key) as
        | Row
        | undefined;
      return row ? idempotencyFromRow(row) : undefined;
    },

    async releaseIdempotencyKey(key) {
      db.prepare('DELETE FROM idempotency_keys WHERE key = ?').run(key);
    },

    async claimSuccessHook(id, at, leaseMs) {
      const staleBefore = new Date(at.getTime() - leaseMs).toISOString();
      const result = db
        .prepare(
          `UPDATE sessions SET success_hook = 'running', success_hook_claimed_at = ?
           WHERE id = ? AND (success_hook = 'pending'
             OR (success_hook = 'running' AND success_hook_claimed_at < ?))`,
        )
        .run(at.toISOString(), id, staleBefore);
      return Number(result.changes) === 1;
    },

    async completeSuccessHook(id, at, events = []) {
      inTransaction(() => {
        db.prepare(
          "UPDATE sessions SET success_hook = 'done', success_hook_claimed_at = ? WHERE id = ? AND success_hook = 'running'",
        ).run(at.toISOString(), id);
        appendEvents(id, events, at.toISOString());
      });
    },

    async releaseSuccessHook(id) {
      db.prepare(
        "UPDATE sessions SET success_hook = 'pending', success_hook_claimed_at = NULL WHERE id = ? AND success_hook = 'running'",
      ).run(id);
    },

    async appendEvent(sessionId, type, payload, at, dedupeKey) {
      appendEvents(
        sessionId,
        [{ type, payload, ...(dedupeKey !== undefined && { dedupeKey }) }],
        at.toISOString(),
      );
    },

    async appendGatewayOrderEvent(provider, merchantOrderId, event, at) {
      // One statement: the lookup and the insert see the same database.
      db.prepare(
        `INSERT INTO order_events (session_id, type, payload, dedupe_key, created_at) VALUES (
           (SELECT id FROM sessions WHERE provider = ? AND merchant_order_id = ?), ?, ?, ?, ?)`,
      ).run(...gatewayOrderEventValues(provider, merchantOrderId, event, at));
    },

    async hasEvent(sessionId, type, dedupeKey) {
      return hasEventRow(sessionId, type, dedupeKey);
    },

    async appendWebhookEvent(provider, merchantOrderId, event, at, applied) {
      return inTransaction(() => {
        const row = selectByMerchantOrderId.get(provider, merchantOrderId) as Row | undefined;
        if (!row) return undefined;
        const order = orderFromRow(row, sqliteRowDecoding);
        const alreadyApplied = hasEventRow(order.id, applied.type, applied.dedupeKey);
        appendEvents(order.id, [event], at.toISOString());
        return { order, alreadyApplied };
      });
    },

    async listEvents(sessionId) {
      const rows = db
        .prepare('SELECT * FROM order_events WHERE session_id = ? ORDER BY id')
        .all(sessionId) as Row[];
      return rows.map((row) => eventFromRow(row, sqliteRowDecoding));
    },

    async acquireLease(name, holder, at, ttlMs) {
      const taken = db
        .prepare(ACQUIRE_LEASE)
        .get(name, holder, new Date(at.getTime() + ttlMs).toISOString(), at.toISOString());
      return taken !== undefined;
    },

    async releaseLease(name, holder) {
      db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
    },

    async ping() {
      db.prepare('SELECT 1').get();
    },

    async close() {
      if (db.isOpen) db.close();
    },
  };
}

function migrate(db: DatabaseSync): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  for (const migration of migrations) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Re-checked inside the write lock: another process may have just applied it.
      const done = db
        .prepare('SELECT 1 AS done FROM schema_migrations WHERE version = ?')
        .get(migration.version);
      if (!done) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
          migration.version,
          new Date().toISOString(),
        );
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
