import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeOrderStore, newOrder } from '../../tests/order-store-suite.ts';
import type { OrderStore } from './order-store.ts';
import { createSqliteOrderStore } from './sqlite-order-store.ts';

describeOrderStore('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'order-store-'));
  const file = join(folder, 'nested', 'checkout.sqlite');
  return {
    open: () => createSqliteOrderStore({ path: file }),
    destroy: () => rmSync(folder, { recursive: true, force: true }),
  };
});

let dir: string;
let path: string;
let store: OrderStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'order-store-'));
  path = join(dir, 'nested', 'checkout.sqlite');
  store = createSqliteOrderStore({ path });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite order store', () => {
  it('creates the folder, uses WAL and records the schema version', async () => {
    await store.close();
    const db = new DatabaseSync(path);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
    db.close();
    store = createSqliteOrderStore({ path }); // re-running migrations is a no-op
  });

  it('adds the gateway API column to a database made before it existed', async () => {
    await store.close();
    const db = new DatabaseSync(path);
    db.exec('DELETE FROM schema_migrations WHERE version = 2');
    db.exec('ALTER TABLE sessions DROP COLUMN gateway_api');
    db.close();
    store = createSqliteOrderStore({ path });
    await store.insertOrder(newOrder('cs_new', { gatewayApi: 'cscanb' }));
    expect((await store.getOrder('cs_new'))?.gatewayApi).toBe('cscanb');
  });
});
