'use client';
import type { CheckoutSession, SessionStatus } from '@localpay/checkout-core';
import { useEffect, useRef } from 'react';

/**
 * Calls `onStatusChange` once per (session, status) and `onSuccess` once when it succeeds, however
 * often the session object is re-read or the component re-renders (StrictMode included).
 */
export function useSessionCallbacks(
  session: CheckoutSession | null | undefined,
  callbacks: {
    onStatusChange?: ((status: SessionStatus, session: CheckoutSession) => void) | undefined;
    onSuccess?: ((session: CheckoutSession) => void) | undefined;
  },
): void {
  const { onStatusChange, onSuccess } = callbacks;
  const status = session?.status;
  const reported = useRef<{ id: string; status: SessionStatus } | null>(null);
  useEffect(() => {
    if (!session || !status) return;
    const last = reported.current;
    if (last?.id === session.id && last.status === status) return;
    reported.current = { id: session.id, status };
    onStatusChange?.(status, session);
    if (status === 'succeeded') onSuccess?.(session);
  }, [session, status, onStatusChange, onSuccess]);
}
