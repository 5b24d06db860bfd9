import type { CurrencyCode, NextAction, ProviderId, SessionStatus } from '@localpay/checkout-core';

export interface OrderLine {
  sku: string;
  name: string;
  quantity: number;
  /** Integer minor units, as priced by the merchant's `resolveCart`. */
  unitAmount: number;
}

/**
 * State of the merchant's `onSessionSucceeded` hook: `pending` once the session succeeded,
 * `running` while one process holds the claim, `done` after it returned.
 */
export type SuccessHookState = 'none' | 'pending' | 'running' | 'done';

export interface OrderRecord {
  id: string;
  provider: ProviderId;
  methodId: string;
  status: SessionStatus;
  amount: number;
  currency: CurrencyCode;
  lines: OrderLine[];
  /** The id the gateway knows the order by; unique per provider. */
  merchantOrderId: string;
  /** The gateway's own order id, once known. */
  gatewayOrderId?: string;
  /** Payment link / reference returned by the gateway. */
  gatewayReference?: string;
  /**
   * Which of the gateway's APIs the order was created through, fixed at creation so every later
   * call uses the same one (Ksher: `redirect`, `cscanb`, `bscanc`, `miniapp`, `app`).
   * Absent on orders stored before it existed: for Ksher those are redirect orders.
   */
  gatewayApi?: string;
  next?: NextAction;
  returnUrl?: string;
  locale?: string;
  expiresAt: string;
  failureReason?: string;
  refundedAmount: number;
  /** Set before the server asks the gateway to cancel, so a racing "closed" maps to `cancelled`. */
  cancelRequested: boolean;
  successHook: SuccessHookState;
  createdAt: string;
  updatedAt: string;
}

export type NewOrder = Omit<
  OrderRecord,
  'refundedAmount' | 'cancelRequested' | 'successHook' | 'updatedAt'
>;

export interface ListOrdersOptions {
  limit?: number;
  status?: SessionStatus;
  provider?: ProviderId;
  /** Only orders created strictly before this ISO instant (reconciliation pages with it). */
  createdBefore?: string;
  /** Only orders whose success hook is in this state (reconciliation retries unfinished ones). */
  successHook?: SuccessHookState;
}

export interface OrderEvent {
  id: number;
  sessionId: string | null;
  type: string;
  payload: Record<string, unknown>;
  /** Set on events used for deduplication (e.g. an applied webhook). */
  dedupeKey?: string;
  createdAt: string;
}

/** An event row written by the store together with another change, in the same atomic step. */
export interface NewOrderEvent {
  type: string;
  payload: Record<string, unknown>;
  dedupeKey?: string;
}

export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  sessionId: string;
  createdAt: string;
}

export type OrderPatch = Partial<
  Pick<
    OrderRecord,
    | 'gatewayOrderId'
    | 'gatewayReference'
    | 'next'
    | 'failureReason'
    | 'refundedAmount'
    | 'cancelRequested'
  >
>;

export interface TransitionOptions {
  /**
   * The status-change event, appended only when the change applies; the store adds `from` (the
   * previous status, known only under the row lock) to its payload.
   */
  statusEvent?: NewOrderEvent;
  /**
   * Rows appended ahead of `statusEvent`, whether or not the change applies (as long as the
   * session exists): the gateway call that led to it rides in the same step.
   */
  events?: NewOrderEvent[];
  /**
   * A `succeeded` target claims the success hook for the caller in the same step (as
   * claimSuccessHook would), instead of leaving it `pending`; see `successHookClaimed`.
   */
  claimSuccessHook?: boolean;
}

export type TransitionResult =
  | {
      applied: true;
      previous: SessionStatus;
      order: OrderRecord;
      /** The caller holds the success-hook claim (claimSuccessHook was asked for and won). */
      successHookClaimed: boolean;
      /**
       * The channel the store sent the status event to with NOTIFY, inside the change's own
       * statement (a PostgreSQL store with `statusChannel`); the fan-out need not send it again.
       */
      notifiedChannel?: string;
    }
  | { applied: false; previous: SessionStatus; order: OrderRecord };

export type InsertResult =
  | { inserted: true; order: OrderRecord }
  | { inserted: false; existing: IdempotencyRecord };

/**
 * Persistence for sessions, idempotency keys and the event log: SQLite (default) or PostgreSQL.
 * Every method is atomic on its own.
 */
export interface OrderStore {
  /**
   * Inserts the session and, when given, its idempotency key in one transaction, with `events`
   * appended to it (written only when the session is).
   */
  insertOrder(
    order: NewOrder,
    idempotency?: { key: string; requestHash: string },
    events?: NewOrderEvent[],
  ): Promise<InsertResult>;
  getOrder(id: string): Promise<OrderRecord | undefined>;
  findByMerchantOrderId(
    provider: ProviderId,
    merchantOrderId: string,
  ): Promise<OrderRecord | undefined>;
  /** Newest first; `limit` defaults to 100 (at most 1000). */
  listOrders(options?: ListOrdersOptions): Promise<OrderRecord[]>;
  /** `events` are appended to the order in the same step, when it exists. */
  updateOrder(
    id: string,
    patch: OrderPatch,
    at: Date,
    events?: NewOrderEvent[],
  ): Promise<OrderRecord | undefined>;
  /**
   * Compare-and-set status change guarded by `canTransition`: applied only when the current
   * status may move to `to`. A `succeeded` target also arms the success hook.
   */
  transition(
    id: string,
    to: SessionStatus,
    patch: OrderPatch,
    at: Date,
    options?: TransitionOptions,
  ): Promise<TransitionResult | undefined>;
  getIdempotencyKey(key: string): Promise<IdempotencyRecord | undefined>;
  releaseIdempotencyKey(key: string): Promise<void>;
  /**
   * Claims the success hook: true for exactly one caller while it is `pending` (or `running`
   * with a claim older than `leaseMs`, i.e. left behind by a crashed process).
   */
  claimSuccessHook(id: string, at: Date, leaseMs: number): Promise<boolean>;
  /**
   * Marks a claimed hook `done`. `events` are appended in the same step, whether or not the
   * claim was still held (the hook did run).
   */
  completeSuccessHook(id: string, at: Date, events?: NewOrderEvent[]): Promise<void>;
  releaseSuccessHook(id: string, at: Date): Promise<void>;
  appendEvent(
    sessionId: string | null,
    type: string,
    payload: Record<string, unknown>,
    at: Date,
    dedupeKey?: string,
  ): Promise<void>;
  /**
   * appendEvent for the order `provider` knows as `merchantOrderId` (with no order when none
   * matches), the lookup done in the same step. This and appendWebhookEvent write the gateway
   * traffic log (calls made, webhooks received and applied), which no decision depends on: a
   * store may commit them lazily, as long as a later state change cannot commit before them.
   */
  appendGatewayOrderEvent(
    provider: ProviderId,
    merchantOrderId: string,
    event: NewOrderEvent,
    at: Date,
  ): Promise<void>;
  hasEvent(sessionId: string, type: string, dedupeKey: string): Promise<boolean>;
  /**
   * A verified webhook, in one step: finds the order `provider` knows as `merchantOrderId`,
   * appends `event` to it and tells whether it already had an event `applied.type` with
   * `applied.dedupeKey` (the same webhook was applied before). Undefined, and nothing written,
   * when no order matches.
   */
  appendWebhookEvent(
    provider: ProviderId,
    merchantOrderId: string,
    event: NewOrderEvent,
    at: Date,
    applied: { type: string; dedupeKey: string },
  ): Promise<{ order: OrderRecord; alreadyApplied: boolean } | undefined>;
  /** Oldest first. */
  listEvents(sessionId: string): Promise<OrderEvent[]>;
  /**
   * Takes or renews the lease `name` for `holder` until `at + ttlMs`: true when `holder` holds it
   * afterwards (it was free, had run out, or was already `holder`'s). Several instances on one
   * database use it to run a schedule on one of them. Expiry compares the instances' clocks.
   * Optional for custom stores: without it every instance runs the schedule.
   */
  acquireLease?(name: string, holder: string, at: Date, ttlMs: number): Promise<boolean>;
  /** Ends `holder`'s lease `name` at once; nothing when another instance holds it. */
  releaseLease?(name: string, holder: string): Promise<void>;
  /** Throws when the database cannot be reached (readiness checks); optional for custom stores. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
