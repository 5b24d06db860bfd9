import type { SessionStatusEvent } from '@localpay/checkout-core';
import pg from 'pg';
import type { Logger } from './logger.ts';
import { createInProcessSessionEvents, type SessionEvents } from './session-events.ts';

export interface PostgresSessionEventsOptions {
  connectionString: string;
  /** NOTIFY channel shared by every instance; default `checkout_session_events`. */
  channel?: string;
  logger?: Logger;
  /** Wait before reconnecting the listener after an error; default 1000. */
  reconnectDelayMs?: number;
}

export interface PostgresSessionEvents extends SessionEvents {
  /** The channel it LISTENs on (give it to the store as `statusChannel`). */
  readonly channel: string;
  /** Resolves once the listener is connected and LISTENing (tests wait for it). */
  ready(): Promise<void>;
  /** Ends the LISTEN connection and the publishing pool. */
  close(): Promise<void>;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Status fan-out across instances: publish() sends a NOTIFY, and a dedicated LISTEN connection
 * hands every notification (this instance's own included) to local subscribers. When the
 * listener is down, changes still reach subscribers here and SSE streams keep polling the store
 * on each heartbeat, so a missed notification only delays an update.
 */
export function createPostgresSessionEvents(
  options: PostgresSessionEventsOptions,
): PostgresSessionEvents {
  const channel = options.channel ?? 'checkout_session_events';
  // LISTEN takes an identifier, not a parameter.
  if (!CHANNEL_NAME.test(channel)) throw new Error('channel must be a lower-case SQL identifier');
  const reconnectDelayMs = options.reconnectDelayMs ?? 1000;
  const local = createInProcessSessionEvents();
  // Notifications are never durable, so their commits need not wait for a WAL flush; that also
  // shortens the database-wide lock PostgreSQL holds while a NOTIFYing transaction commits.
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: 2,
    // Kept open: the first status change after a quiet spell would otherwise wait for a new one.
    min: 2,
    options: '-c synchronous_commit=off',
  });
  pool.on('error', () => {});
  let listener: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let readyWaiters: Array<() => void> = [];

  async function connect(): Promise<void> {
    if (closed) return;
    const client = new pg.Client({ connectionString: options.connectionString });
    const retry = (error: unknown) => {
      if (listener !== client) return;
      listener = undefined;
      listening = false;
      client.end().catch(() => {});
      if (closed) return;
      options.logger?.log('warn', 'session events listener lost; reconnecting', { error });
      reconnectTimer = setTimeout(() => void connect(), reconnectDelayMs);
    };
    listener = client;
    client.on('error', retry);
    client.on('end', () => retry(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel !== channel || message.payload === undefined) return;
      const event = parseEvent(message.payload);
      if (event) local.publish(event);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      if (listener !== client) return;
      listening = true;
      for (const wake of readyWaiters) wake();
      readyWaiters = [];
    } catch (error) {
      retry(error);
    }
  }
  void connect();

  function publish(event: SessionStatusEvent): void {
    if (closed || !listening) {
      // No LISTEN connection: at least this instance's subscribers hear it.
      local.publish(event);
      if (closed) return;
    }
    pool.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(event)]).catch((error) => {
      if (listening) local.publish(event);
      options.logger?.log('warn', 'could not NOTIFY a status change', { error });
    });
  }

  return {
    channel,
    publish,
    publishNotified(event, notifiedChannel) {
      if (notifiedChannel !== channel) {
        publish(event);
        return;
      }
      // Our LISTEN connection delivers it; without one, this instance's subscribers still hear it.
      if (closed || !listening) local.publish(event);
    },
    subscribe: (sessionId, subscriber) => local.subscribe(sessionId, subscriber),
    subscriberCount: () => local.subscriberCount(),
    ready() {
      if (listening) return Promise.resolve();
      return new Promise((resolve) => readyWaiters.push(resolve));
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(reconnectTimer);
      const client = listener;
      listener = undefined;
      listening = false;
      for (const wake of readyWaiters) wake();
      readyWaiters = [];
      await client?.end().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}

function parseEvent(payload: string): SessionStatusEvent | undefined {
  try {
    const value = JSON.parse(payload) as Partial<SessionStatusEvent>;
    if (
      typeof value.id === 'string' &&
      typeof value.status === 'string' &&
      typeof value.updatedAt === 'string'
    ) {
      return { id: value.id, status: value.status, updatedAt: value.updatedAt };
    }
  } catch {
    // Not ours (another program on the channel): ignored.
  }
  return undefined;
}
