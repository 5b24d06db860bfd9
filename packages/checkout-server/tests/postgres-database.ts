import { randomBytes } from 'node:crypto';
import type { SessionStatusEvent } from '@localpay/checkout-core';
import pg from 'pg';
import type { SessionEvents } from '../src/session-events.ts';

/** The machine's PostgreSQL (trust auth); `.ci/run` starts it when it is down. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema name, so parallel test files never share tables. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Drops a schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** The next status event `events` delivers for `sessionId`, listening for that one only. */
export function nextSessionEvent(
  events: Pick<SessionEvents, 'subscribe'>,
  sessionId: string,
): Promise<SessionStatusEvent> {
  return new Promise((resolve) => {
    const off = events.subscribe(sessionId, (event) => {
      off();
      resolve(event);
    });
  });
}
