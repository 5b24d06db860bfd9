'use client';
import {
  applySessionUpdate,
  CheckoutApiError,
  type CheckoutFlowState,
  type CheckoutSession,
  createCheckoutFlowStore,
  isFinalStatus,
  type PaymentMethod,
  type PollSchedule,
  type SessionUpdate,
  watchSession,
} from '@localpay/checkout-core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useCheckoutContext } from './context.tsx';

export function methodsQueryKey(baseUrl: string, currency: string | undefined) {
  return ['localpay', baseUrl, 'methods', currency ?? null] as const;
}

export function sessionQueryKey(baseUrl: string, sessionId: string | null) {
  return ['localpay', baseUrl, 'session', sessionId] as const;
}

/** `GET /methods?currency=…` through React Query. */
export function usePaymentMethods(currency?: string): UseQueryResult<PaymentMethod[]> {
  const { client } = useCheckoutContext();
  return useQuery({
    queryKey: methodsQueryKey(client.baseUrl, currency),
    queryFn: ({ signal }) => client.listMethods(currency, { signal }),
    staleTime: 60_000,
  });
}

/** One read of a session (`GET /sessions/:id`); disabled while `sessionId` is null. */
export function useCheckoutSession(sessionId: string | null): UseQueryResult<CheckoutSession> {
  const { client } = useCheckoutContext();
  return useQuery({
    queryKey: sessionQueryKey(client.baseUrl, sessionId),
    queryFn: ({ signal }) => client.getSession(sessionId ?? '', { signal }),
    enabled: sessionId !== null,
    // The watcher keeps it current; a refetch on focus could only race it.
    staleTime: Number.POSITIVE_INFINITY,
    // One more try for connection or server trouble; a 404 will not change by asking again.
    retry: (failures, error) =>
      failures < 1 && error instanceof CheckoutApiError && error.retryable,
  });
}

export interface SessionStatusResult {
  /** `session` with every forward update since applied; null while there is none. */
  session: CheckoutSession | null;
  /** The last problem the watcher reported (it keeps trying unless the error is permanent). */
  error: unknown;
}

export interface SessionStatusOptions {
  /** Poll timing when SSE is unavailable; default every `pollIntervalMs` of the provider. */
  pollSchedule?: PollSchedule;
  /** Every update the watcher receives, before it is applied (e.g. to feed a flow store). */
  onUpdate?: (update: SessionUpdate) => void;
}

/**
 * Follows a known session live (SSE, polling as fallback) until its status is final. Updates
 * only move forward (`applySessionUpdate`), whichever of the snapshot and the stream is newer.
 * The options are read when the watcher fires, so passing new functions does not resubscribe.
 */
export function useSessionStatus(
  session: CheckoutSession | null | undefined,
  options: SessionStatusOptions = {},
): SessionStatusResult {
  const { client, pollIntervalMs } = useCheckoutContext();
  const [latest, setLatest] = useState<CheckoutSession | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current =
    session && latest?.id === session.id ? applySessionUpdate(session, latest) : (session ?? null);
  const base = useRef(current);
  const latestOptions = useRef(options);
  useEffect(() => {
    base.current = current;
    latestOptions.current = options;
  });

  const sessionId = current?.id ?? null;
  const final = current ? isFinalStatus(current.status) : true;
  useEffect(() => {
    if (sessionId === null || final) return;
    const custom = latestOptions.current.pollSchedule;
    return watchSession(client, sessionId, {
      pollIntervalMs,
      ...(custom
        ? {
            pollSchedule: (elapsedMs: number) =>
              (latestOptions.current.pollSchedule ?? custom)(elapsedMs),
          }
        : {}),
      onUpdate(update) {
        latestOptions.current.onUpdate?.(update);
        setLatest((previous) => {
          const from = previous?.id === sessionId ? previous : base.current;
          return from ? applySessionUpdate(from, update) : previous;
        });
        setError(null);
      },
      onError: setError,
    });
  }, [client, sessionId, final, pollIntervalMs]);

  return { session: current, error };
}

/** The checkout flow store (zustand/vanilla from checkout-core), one per calling component. */
export function useCheckoutFlow(): CheckoutFlowState {
  const { client } = useCheckoutContext();
  const [store] = useState(() => createCheckoutFlowStore({ client }));
  return useStore(store);
}
