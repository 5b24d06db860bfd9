import { createStore, type StoreApi } from 'zustand/vanilla';
import { CheckoutApiError, type CheckoutClient, toCheckoutApiError } from './client.ts';
import type { CheckoutSession, CreateSessionRequest, SessionStatus } from './contract.ts';
import { createIdempotencyKey } from './idempotency-key.ts';
import { applySessionUpdate, type SessionUpdate } from './session-update.ts';
import { isFinalStatus } from './status.ts';

export type CheckoutStep = 'select' | 'creating' | 'redirecting' | 'awaiting' | 'final' | 'error';

/** Everything `POST /sessions` needs besides the chosen method. */
export type PaymentRequest = Omit<CreateSessionRequest, 'methodId'>;

export interface CheckoutFlowData {
  step: CheckoutStep;
  methodId: string | null;
  session: CheckoutSession | null;
  error: CheckoutApiError | null;
  /** Key of the current attempt; `null` until the first Pay, renewed by a new attempt. */
  idempotencyKey: string | null;
  /** The request of the current attempt, kept so `retry()` sends exactly the same body. */
  request: CreateSessionRequest | null;
}

export interface CheckoutFlowActions {
  /** Choosing a different method starts a new attempt (new key); ignored while a payment runs. */
  selectMethod(methodId: string): void;
  /**
   * Creates the session. Synchronously guarded: a second call while one is running or after a
   * session exists does nothing and resolves `null`, so double clicks create one session.
   */
  startPayment(request: PaymentRequest): Promise<CheckoutSession | null>;
  /** Applies an SSE event or a fresh read; backward or foreign updates are ignored. */
  sessionUpdated(update: SessionUpdate): void;
  fail(error: unknown): void;
  /** Sends the failed attempt again with the same idempotency key (same body, same key). */
  retry(): Promise<CheckoutSession | null>;
  /** Back to method selection for a new attempt; keeps the chosen method. */
  reset(): void;
  /**
   * A fresh session for the same method and cart with a new idempotency key (e.g. "New QR code"
   * after a QR expired). A session the browser still thinks open is first cancelled on the
   * server (which checks the gateway), so the old QR cannot be paid next to the new one; if the
   * server answers that it was paid or is being paid after all, that is shown instead and no new
   * session is created. Resolves the new session, or `null` when none was created. Guarded like
   * `startPayment`: concurrent calls create one session.
   */
  restart(): Promise<CheckoutSession | null>;
}

export type CheckoutFlowState = CheckoutFlowData & CheckoutFlowActions;
export type CheckoutFlowStore = StoreApi<CheckoutFlowState>;

export interface CheckoutFlowOptions {
  client: CheckoutClient;
  createIdempotencyKey?: () => string;
}

function stepFor(session: CheckoutSession): CheckoutStep {
  if (isFinalStatus(session.status)) return 'final';
  // Only a redirect leaves the page; any other next action (QR, later ones) waits here.
  return session.next?.type === 'redirect' ? 'redirecting' : 'awaiting';
}

/** Outcomes after which a new session for the same cart is a new attempt, not a second charge. */
const RESTARTABLE: readonly SessionStatus[] = ['expired', 'cancelled', 'failed'];

const initialData: CheckoutFlowData = {
  step: 'select',
  methodId: null,
  session: null,
  error: null,
  idempotencyKey: null,
  request: null,
};

export function createCheckoutFlowStore(options: CheckoutFlowOptions): CheckoutFlowStore {
  const { client } = options;
  const newKey = options.createIdempotencyKey ?? createIdempotencyKey;

  return createStore<CheckoutFlowState>()((set, get) => {
    let restarting = false;

    /** Closes `session` on the server if the browser still thinks it open; the server's answer. */
    async function closeOnServer(session: CheckoutSession): Promise<CheckoutSession> {
      if (isFinalStatus(session.status)) return session;
      try {
        return applySessionUpdate(session, await client.cancelSession(session.id));
      } catch (error) {
        // 409: it reached a final status meanwhile (expired, or paid): read which.
        if (!(error instanceof CheckoutApiError && error.status === 409)) throw error;
        return applySessionUpdate(session, await client.getSession(session.id));
      }
    }

    async function send(request: CreateSessionRequest, key: string) {
      set({ step: 'creating', error: null, idempotencyKey: key, request });
      try {
        const session = await client.createSession(request, { idempotencyKey: key });
        // A reset during the request abandons this attempt.
        if (get().idempotencyKey !== key || get().step !== 'creating') return null;
        set({ session, step: stepFor(session) });
        return session;
      } catch (error) {
        if (get().idempotencyKey !== key || get().step !== 'creating') return null;
        set({ step: 'error', error: toCheckoutApiError(error) });
        return null;
      }
    }

    return {
      ...initialData,
      selectMethod(methodId) {
        const { step, methodId: current } = get();
        if (step !== 'select' && step !== 'error') return;
        if (methodId === current && step === 'select') return;
        set({ methodId, step: 'select', error: null, idempotencyKey: null, request: null });
      },
      startPayment(paymentRequest) {
        const { step, methodId, idempotencyKey, request: previous } = get();
        if (step !== 'select' && step !== 'error') return Promise.resolve(null);
        if (!methodId) {
          set({ step: 'error', error: toCheckoutApiError(new Error('Choose a payment method')) });
          return Promise.resolve(null);
        }
        const request: CreateSessionRequest = { ...paymentRequest, methodId };
        // The key belongs to one exact body: the server answers 409 to the same key with another.
        const sameBody = previous !== null && JSON.stringify(previous) === JSON.stringify(request);
        const key = sameBody && idempotencyKey ? idempotencyKey : newKey();
        return send(request, key);
      },
      sessionUpdated(update) {
        const { session } = get();
        if (!session) return;
        const next = applySessionUpdate(session, update);
        if (next === session) return;
        set({ session: next, step: isFinalStatus(next.status) ? 'final' : get().step });
      },
      fail(error) {
        set({ step: 'error', error: toCheckoutApiError(error) });
      },
      retry() {
        const { step, request, idempotencyKey } = get();
        if (step !== 'error' || !request || !idempotencyKey) return Promise.resolve(null);
        return send(request, idempotencyKey);
      },
      reset() {
        set({ ...initialData, methodId: get().methodId });
      },
      async restart() {
        const { step, session, request } = get();
        if (restarting || !session || !request || step === 'creating') return null;
        if (step !== 'awaiting' && step !== 'final' && step !== 'error') return null;
        restarting = true;
        try {
          let latest: CheckoutSession;
          try {
            latest = await closeOnServer(session);
          } catch (error) {
            if (get().session === session) set({ step: 'error', error: toCheckoutApiError(error) });
            return null;
          }
          // A reset or another update while waiting wins over this restart.
          if (get().session !== session && get().session?.id !== session.id) return null;
          if (!RESTARTABLE.includes(latest.status)) {
            set({ session: latest, step: stepFor(latest) });
            return null;
          }
          set({ session: latest });
          return await send(request, newKey());
        } finally {
          restarting = false;
        }
      },
    };
  });
}
