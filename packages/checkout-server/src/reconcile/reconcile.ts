import { randomUUID } from 'node:crypto';
import { isFinalStatus, type SessionStatus } from '@localpay/checkout-core';
import type { Logger } from '../logger.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { ListOrdersOptions, OrderRecord, OrderStore } from '../store/order-store.ts';

export interface ReconcileOptions {
  /** Only sessions created at least this long ago; default 10. 0 checks every open session. */
  olderThanMinutes?: number;
}

export interface ReconcileReport {
  /** Sessions looked at: open ones, and paid ones whose success hook has not completed. */
  checked: number;
  /** Sessions whose status moved (always forward). */
  changed: Array<{ id: string; from: SessionStatus; to: SessionStatus }>;
  /** Sessions whose check threw; they keep their status and are retried on the next run. */
  failed: Array<{ id: string; error: string }>;
}

export interface ReconcilerDeps {
  store: OrderStore;
  service: SessionService;
  logger: Logger;
  now: () => Date;
}

const PAGE = 200;
/** The store lease that picks the instance running the scheduled reconcile. */
const RECONCILE_LEASE = 'reconcile';
const OPEN: SessionStatus[] = ['pending', 'processing'];

/**
 * Brings every open session older than N minutes up to date with its gateway: it adopts what the
 * gateway reports (a lost webhook), expires a session past `expiresAt` by closing the gateway
 * order first (a refused close means it changed, so the gateway's state wins), recovers a
 * create cut short by a crash and re-runs a success hook that never completed. All of it goes through the same compare-and-set transition as
 * webhooks, so a status never moves backwards, whichever instance or run gets there first.
 */
export function createReconciler(deps: ReconcilerDeps) {
  const { store, service, logger, now } = deps;

  async function reconcile(options: ReconcileOptions = {}): Promise<ReconcileReport> {
    const minutes = options.olderThanMinutes ?? 10;
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError('olderThanMinutes must be a number of minutes, 0 or more');
    }
    const cutoff = new Date(now().getTime() - minutes * 60_000).toISOString();
    const report: ReconcileReport = { checked: 0, changed: [], failed: [] };
    const filters: ListOrdersOptions[] = [
      ...OPEN.map((status) => ({ status })),
      // Paid sessions whose success hook never finished (a crash, or it threw): retried here.
      // A `running` claim is only taken over once its lease has run out.
      { successHook: 'pending' },
      { successHook: 'running' },
    ];
    for (const filter of filters) {
      // Newest first, paged by creation time; a page boundary inside one millisecond may leave
      // a session for the next run, never check one twice in a run.
      let createdBefore = cutoff;
      for (;;) {
        const page = await store.listOrders({ ...filter, createdBefore, limit: PAGE });
        for (const order of page) await check(order, report);
        const last = page[page.length - 1];
        if (page.length < PAGE || !last) break;
        createdBefore = last.createdAt;
      }
    }
    if (report.changed.length > 0 || report.failed.length > 0) {
      logger.log('info', 'reconciliation finished', {
        checked: report.checked,
        changed: report.changed.length,
        failed: report.failed.length,
      });
    }
    return report;
  }

  async function check(order: OrderRecord, report: ReconcileReport): Promise<void> {
    report.checked += 1;
    try {
      const synced = await service.withSessionLock(order.id, async () => {
        const fresh = await store.getOrder(order.id);
        if (!fresh) return fresh;
        const hookDue = fresh.successHook === 'pending' || fresh.successHook === 'running';
        if (isFinalStatus(fresh.status) && !hookDue) return fresh;
        return service.syncOrder(fresh, { force: true, throwGatewayErrors: true });
      });
      if (synced && synced.status !== order.status) {
        report.changed.push({ id: order.id, from: order.status, to: synced.status });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : 'non-error thrown';
      report.failed.push({ id: order.id, error: message });
      logger.log('warn', 'reconciliation of a session failed; it keeps its status', {
        sessionId: order.id,
        error,
      });
    }
  }

  /**
   * Runs reconcile every `intervalMs`, never two at once, and on one instance of those sharing
   * the store: each run first takes or renews the store's `reconcile` lease (acquireLease), which
   * another instance takes over two intervals after its holder stopped. Returns the stop
   * function, which hands the lease back at once.
   */
  function schedule(intervalMs: number, options: ReconcileOptions = {}): () => Promise<void> {
    const holder = randomUUID();
    let running = false;
    async function run(): Promise<void> {
      const leased = store.acquireLease
        ? await store.acquireLease(RECONCILE_LEASE, holder, now(), intervalMs * 2)
        : true;
      if (leased) await reconcile(options);
    }
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      run()
        .catch((error: unknown) => {
          logger.log('error', 'scheduled reconciliation failed', { error });
        })
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    // A schedule alone must not keep the process alive.
    timer.unref?.();
    return async () => {
      clearInterval(timer);
      // A store that cannot be reached now lets the lease run out instead.
      await store.releaseLease?.(RECONCILE_LEASE, holder).catch(() => {});
    };
  }

  return { reconcile, schedule };
}
