import { isFinalStatus, type SessionStatusEvent } from '@localpay/checkout-core';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from '../logger.ts';
import type { SessionEvents } from '../session-events.ts';
import type { SessionService } from '../sessions/session-service.ts';

export interface EventRouteOptions {
  service: SessionService;
  events: SessionEvents;
  logger: Logger;
  heartbeatMs: number;
  /** Open streams, so close() can end them. */
  openStreams: Set<() => void>;
}

/** Reconnect delay sent when the server ends a stream during shutdown. */
export const SHUTDOWN_RETRY_MS = 1000;

/**
 * `GET /sessions/:id/events`: `retry: 3000`, the current status at once, then one `status` event
 * per change and a heartbeat comment every heartbeatMs; ends after a final status, on client
 * abort, or on handler shutdown/close with a last `retry: 1000` so the browser reconnects.
 * Each heartbeat also re-checks a pending session with the gateway (throttled), so a lost
 * webhook still reaches a client that only listens here.
 */
export function registerEventRoutes(app: Hono, options: EventRouteOptions): void {
  const { service, events, heartbeatMs, openStreams } = options;
  app.get('/sessions/:id/events', async (c) => {
    const id = c.req.param('id');
    await service.getSession(id); // 404 before the stream starts

    return streamSSE(c, async (stream) => {
      const queue: SessionStatusEvent[] = [];
      let wake: (() => void) | undefined;
      let ended = false;
      const end = () => {
        ended = true;
        wake?.();
      };
      // Ended by the server (shutdown): the browser should come back soon, to any instance.
      let endedByServer = false;
      const endByServer = () => {
        endedByServer = true;
        end();
      };
      const unsubscribe = events.subscribe(id, (event) => {
        queue.push(event);
        wake?.();
      });
      openStreams.add(endByServer);
      stream.onAbort(end);
      c.req.raw.signal.addEventListener('abort', end, { once: true });
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await stream.write('retry: 3000\n\n');
        // Subscribed first, then read: a change in between is queued, not lost.
        const current = await service.getSession(id);
        let lastStatus = current.status;
        await stream.writeSSE({ event: 'status', data: JSON.stringify(statusEvent(current)) });
        if (isFinalStatus(lastStatus)) return;

        while (!ended && !stream.aborted) {
          const event = queue.shift();
          if (event) {
            if (event.status === lastStatus) continue;
            lastStatus = event.status;
            await stream.writeSSE({ event: 'status', data: JSON.stringify(event) });
            if (isFinalStatus(event.status)) return;
            continue;
          }
          const beat = await new Promise<boolean>((resolve) => {
            wake = () => resolve(false);
            timer = setTimeout(() => resolve(true), heartbeatMs);
          });
          wake = undefined;
          clearTimeout(timer);
          if (beat && !ended) {
            await stream.write(': heartbeat\n\n');
            // Publishes through `events` if the gateway reports a change.
            await service.getSession(id).catch((error: unknown) => {
              options.logger.log('warn', 'status check during SSE failed', {
                sessionId: id,
                error,
              });
            });
          }
        }
        if (endedByServer && !stream.aborted) {
          await stream.write(`retry: ${SHUTDOWN_RETRY_MS}\n: server shutting down\n\n`);
        }
      } finally {
        clearTimeout(timer);
        unsubscribe();
        openStreams.delete(endByServer);
        c.req.raw.signal.removeEventListener('abort', end);
      }
    });
  });
}

function statusEvent(order: {
  id: string;
  status: SessionStatusEvent['status'];
  updatedAt: string;
}): SessionStatusEvent {
  return { id: order.id, status: order.status, updatedAt: order.updatedAt };
}
