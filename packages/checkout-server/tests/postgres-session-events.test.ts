import type { SessionStatusEvent } from '@localpay/checkout-core';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPostgresSessionEvents,
  type PostgresSessionEvents,
} from '../src/session-events-postgres.ts';
import { nextSessionEvent, TEST_DATABASE_URL, uniqueSchema } from './postgres-database.ts';

const opened: PostgresSessionEvents[] = [];
afterEach(async () => {
  for (const events of opened.splice(0)) await events.close();
});

function open(channel: string): PostgresSessionEvents {
  const events = createPostgresSessionEvents({
    connectionString: TEST_DATABASE_URL,
    channel,
    reconnectDelayMs: 20,
  });
  opened.push(events);
  return events;
}

describe('PostgreSQL session events (LISTEN/NOTIFY)', () => {
  it('delivers a change published on one instance to subscribers on another', async () => {
    const channel = uniqueSchema('events');
    const a = open(channel);
    const b = open(channel);
    await Promise.all([a.ready(), b.ready()]);
    const onB = nextSessionEvent(b, 'cs_1');
    const onA = nextSessionEvent(a, 'cs_1');
    a.publish({ id: 'cs_1', status: 'succeeded', updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(await onB).toEqual({
      id: 'cs_1',
      status: 'succeeded',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(await onA).toMatchObject({ status: 'succeeded' });
  });

  it('ignores foreign payloads on the channel and reconnects after losing its connection', async () => {
    const channel = uniqueSchema('events');
    const b = open(channel);
    await b.ready();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const seen: SessionStatusEvent[] = [];
      b.subscribe('cs_2', (event) => seen.push(event));
      await admin.query('SELECT pg_notify($1, $2)', [channel, 'not json']);
      await admin.query('SELECT pg_notify($1, $2)', [channel, '{"id":"cs_2"}']);
      // Kill the LISTEN connection, as a database restart would.
      const terminated = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE query = $1 AND pid <> pg_backend_pid()`,
        [`LISTEN ${channel}`],
      );
      expect(terminated.rowCount).toBe(1);
      const a = open(channel);
      await a.ready();
      // Published until the reconnected listener hears one (NOTIFYs before it are not queued).
      const received = nextSessionEvent(b, 'cs_2');
      let delivered = false;
      void received.then(() => {
        delivered = true;
      });
      while (!delivered) {
        await b.ready();
        a.publish({ id: 'cs_2', status: 'expired', updatedAt: 'later' });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await received).toEqual({ id: 'cs_2', status: 'expired', updatedAt: 'later' });
      expect(seen.every((event) => event.status === 'expired')).toBe(true);
    } finally {
      await admin.end();
    }
  });
});
