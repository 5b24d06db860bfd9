import type { CheckoutClient } from './client.ts';
import { CheckoutApiError } from './client.ts';
import type { SessionStatus, SessionStatusEvent } from './contract.ts';
import { fixedPollSchedule, type PollSchedule } from './poll-schedule.ts';
import type { SessionUpdate } from './session-update.ts';
import { FINAL_STATUSES, isFinalStatus } from './status.ts';

/** The slice of the DOM EventSource the watcher uses; injectable for tests and polyfills. */
export interface EventSourceLike {
  readonly readyState: number;
  /** `status` listeners get a MessageEvent; `open` and `error` a plain Event (unused). */
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export type EventSourceConstructor = new (url: string) => EventSourceLike;

export interface WatchSessionOptions {
  onUpdate(update: SessionUpdate): void;
  /** Transient problems (a failed poll, an unreadable event). Watching goes on unless it says otherwise. */
  onError?(error: unknown): void;
  /** Defaults to `globalThis.EventSource`; `null` forces polling. */
  EventSource?: EventSourceConstructor | null;
  /** Polling interval when no schedule is given. Default 2000 ms. */
  pollIntervalMs?: number;
  pollSchedule?: PollSchedule;
  /** Consecutive SSE errors before falling back to polling. Default 2. */
  maxEventSourceErrors?: number;
  now?: () => number;
}

/** EventSource.CLOSED: the browser gave up and will not reconnect. */
const EVENT_SOURCE_CLOSED = 2;

function parseStatusEvent(data: unknown, sessionId: string): SessionStatusEvent | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { id, status, updatedAt } = value as Record<string, unknown>;
  const known =
    status === 'pending' ||
    status === 'processing' ||
    FINAL_STATUSES.includes(status as SessionStatus);
  if (id !== sessionId || !known || typeof updatedAt !== 'string') return null;
  return { id, status: status as SessionStatus, updatedAt };
}

/** Client errors other than throttling will not fix themselves by asking again. */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof CheckoutApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429
  );
}

/**
 * Follows a session's status: SSE first, polling `getSession` when EventSource is missing or
 * fails `maxEventSourceErrors` times in a row. Stops by itself at a final status or a permanent
 * error (e.g. 404). Returns `stop()`, after which no timer, stream or request is left behind.
 */
export function watchSession(
  client: CheckoutClient,
  sessionId: string,
  options: WatchSessionOptions,
): () => void {
  const {
    onUpdate,
    onError,
    pollIntervalMs = 2000,
    maxEventSourceErrors = 2,
    now = () => Date.now(),
  } = options;
  const schedule = options.pollSchedule ?? fixedPollSchedule(pollIntervalMs);
  const EventSourceImpl =
    options.EventSource === undefined
      ? (globalThis as { EventSource?: EventSourceConstructor }).EventSource
      : options.EventSource;

  let stopped = false;
  let source: EventSourceLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: AbortController | null = null;

  function stop(): void {
    stopped = true;
    source?.close();
    source = null;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    inFlight?.abort();
    inFlight = null;
  }

  function deliver(update: SessionUpdate): void {
    if (stopped) return;
    if (isFinalStatus(update.status)) stop();
    onUpdate(update);
  }

  function startPolling(): void {
    const startedAt = now();
    const poll = async (): Promise<void> => {
      timer = null;
      const controller = new AbortController();
      inFlight = controller;
      try {
        const session = await client.getSession(sessionId, { signal: controller.signal });
        if (stopped) return;
        deliver(session);
      } catch (error) {
        if (stopped) return;
        onError?.(error);
        if (isPermanent(error)) {
          stop();
          return;
        }
      } finally {
        if (inFlight === controller) inFlight = null;
      }
      if (stopped) return;
      const delay = schedule(now() - startedAt);
      if (delay === null) {
        stop();
        return;
      }
      timer = setTimeout(poll, delay);
    };
    // Read once straight away: events may have been missed while the stream was failing.
    void poll();
  }

  function startEventSource(Impl: EventSourceConstructor): void {
    let consecutiveErrors = 0;
    const es = new Impl(client.eventsUrl(sessionId));
    source = es;
    es.addEventListener('open', () => {
      consecutiveErrors = 0;
    });
    es.addEventListener('status', (event: MessageEvent) => {
      consecutiveErrors = 0;
      const update = parseStatusEvent(event.data, sessionId);
      if (update) deliver(update);
      else onError?.(new CheckoutApiError(200, 'invalid_response', 'Unreadable status event'));
    });
    es.addEventListener('error', () => {
      if (stopped || source !== es) return;
      consecutiveErrors += 1;
      if (consecutiveErrors >= maxEventSourceErrors || es.readyState === EVENT_SOURCE_CLOSED) {
        es.close();
        source = null;
        startPolling();
      }
    });
  }

  if (EventSourceImpl) startEventSource(EventSourceImpl);
  else startPolling();
  return stop;
}
