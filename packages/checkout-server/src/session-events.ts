import type { SessionStatusEvent } from '@localpay/checkout-core';

export type SessionEventListener = (event: SessionStatusEvent) => void;

/**
 * Fan-out of status changes to SSE subscribers: in-process, or over PostgreSQL LISTEN/NOTIFY
 * (session-events-postgres.ts) so several instances share one stream of changes.
 */
export interface SessionEvents {
  publish(event: SessionStatusEvent): void;
  /**
   * Optional: the store already sent `event` with NOTIFY on `channel`, inside the status change's
   * own statement (a PostgreSQL store with `statusChannel`). A fan-out listening on that channel
   * hears it like any other instance; without this method, publish() is called instead.
   */
  publishNotified?(event: SessionStatusEvent, channel: string): void;
  /** Returns the unsubscribe function. */
  subscribe(sessionId: string, listener: SessionEventListener): () => void;
  /** Number of live subscriptions (for leak checks). */
  subscriberCount(): number;
  /** Releases connections (the PostgreSQL implementation); the handler calls it when it made them. */
  close?(): Promise<void>;
}

export function createInProcessSessionEvents(): SessionEvents {
  const listeners = new Map<string, Set<SessionEventListener>>();
  return {
    publish(event) {
      for (const listener of listeners.get(event.id) ?? []) {
        try {
          listener(event);
        } catch {
          // One broken subscriber must not stop the others.
        }
      }
    },
    subscribe(sessionId, listener) {
      let set = listeners.get(sessionId);
      if (!set) {
        set = new Set();
        listeners.set(sessionId, set);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(sessionId);
        if (!current) return;
        current.delete(listener);
        if (current.size === 0) listeners.delete(sessionId);
      };
    },
    subscriberCount() {
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },
  };
}
