import { createStore, type StoreApi } from 'zustand/vanilla';
import { type CheckoutApiError, type CheckoutClient, toCheckoutApiError } from './client.ts';
import type { CheckoutSession, CreateSessionRequest } from './contract.ts';
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
    };
  });
}
