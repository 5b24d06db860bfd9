'use client';
import {
  applySessionUpdate,
  CheckoutApiError,
  type CheckoutSession,
  RETURN_RESULT_PARAM,
  RETURN_SESSION_PARAM,
  type SessionStatus,
} from '@localpay/checkout-core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { classNames } from './class-names.ts';
import { useCheckoutContext, useCheckoutMessages } from './context.tsx';
import { sessionQueryKey, useCheckoutSession, useSessionStatus } from './hooks.ts';
import { sessionPanelProps } from './PaymentStatus.tsx';
import { type CheckoutClassNames, usePartStyle } from './part-style.ts';
import { StatusPanel, type StatusPanelProps } from './StatusPanel.tsx';
import { useSessionCallbacks } from './use-session-callbacks.ts';

export interface PaymentReturnProps {
  onSuccess?: (session: CheckoutSession) => void;
  onStatusChange?: (status: SessionStatus, session: CheckoutSession) => void;
  /** Shown as "Try again" on failed, cancelled and expired payments (e.g. back to the cart). */
  onRetry?: () => void;
  /**
   * The return URL's query string. Defaults to `window.location.search`, read after mount
   * (never during render, so server rendering works); pass it from your router if you have it.
   */
  search?: string;
  className?: string;
  /** Classes for the inner elements: status, heading, body, actions, button. */
  classNames?: CheckoutClassNames;
}

interface ReturnParams {
  sessionId: string | null;
  /** The gateway sent the payer to the "not completed" URL. A hint only, never proof. */
  notCompleted: boolean;
}

function readParams(search: string): ReturnParams {
  const params = new URLSearchParams(search);
  return {
    sessionId: params.get(RETURN_SESSION_PARAM) || null,
    notCompleted: params.get(RETURN_RESULT_PARAM) === 'fail',
  };
}

/**
 * The return page after a redirect payment: re-reads the session from the server (the query
 * string proves nothing), follows it live until final, and on a "not completed" return with a
 * still-pending session asks the server to cancel (the server checks with the gateway first).
 */
export function PaymentReturn({
  onSuccess,
  onStatusChange,
  onRetry,
  search,
  className,
  classNames: slotClassNames,
}: PaymentReturnProps) {
  const { cx, rootProps } = usePartStyle<HTMLDivElement>(slotClassNames);
  const { client, locale } = useCheckoutContext();
  const t = useCheckoutMessages();
  const queryClient = useQueryClient();
  const [params, setParams] = useState<ReturnParams | null>(null);
  useEffect(() => {
    setParams(readParams(search ?? window.location.search));
  }, [search]);

  const sessionId = params?.sessionId ?? null;
  const read = useCheckoutSession(sessionId);
  const { session } = useSessionStatus(read.data);

  const cancelRequested = useRef<string | null>(null);
  // The session whose cancel the gateway cannot do (Ktpay): it stays pending until it expires.
  const [cancelUnsupportedId, setCancelUnsupportedId] = useState<string | null>(null);
  const pendingId = session?.status === 'pending' ? session.id : null;
  useEffect(() => {
    if (!params?.notCompleted || !pendingId || cancelRequested.current === pendingId) return;
    cancelRequested.current = pendingId;
    const key = sessionQueryKey(client.baseUrl, pendingId);
    client.cancelSession(pendingId).then(
      (answer) => {
        queryClient.setQueryData<CheckoutSession>(key, (previous) =>
          previous ? applySessionUpdate(previous, answer) : answer,
        );
      },
      // 409: it was final already (possibly paid after all); the fresh read tells which.
      (error: unknown) => {
        if (error instanceof CheckoutApiError && error.code === 'unsupported') {
          setCancelUnsupportedId(pendingId);
        }
        return queryClient.invalidateQueries({ queryKey: key });
      },
    );
  }, [params, pendingId, client, queryClient]);

  useSessionCallbacks(session, { onStatusChange, onSuccess });

  // One StatusPanel instance for every state, so its live region persists and each change is
  // announced, and focus follows the heading from "Checking…" to the outcome.
  let panel: StatusPanelProps;
  let action: ReactNode = null;
  if (session) {
    const { retryable, ...props } = sessionPanelProps(session, t, locale);
    panel =
      session.status === 'pending' && session.id === cancelUnsupportedId
        ? { ...props, body: t('returnCancelUnsupported') }
        : props;
    if (retryable && onRetry) {
      action = (
        <button
          type="button"
          className={cx('button', 'lp-button', 'lp-button--primary')}
          onClick={onRetry}
        >
          {t('tryAgain')}
        </button>
      );
    }
  } else if (params && !sessionId) {
    panel = { tone: 'neutral', heading: t('returnMissingSession'), focusKey: 'missing' };
  } else if (read.isError) {
    panel = { tone: 'danger', heading: t('returnError'), focusKey: 'error' };
    action = (
      <button
        type="button"
        className={cx('button', 'lp-button', 'lp-button--secondary')}
        onClick={() => void read.refetch()}
      >
        {t('retry')}
      </button>
    );
  } else {
    panel = { tone: 'progress', heading: t('returnLoading'), focusKey: 'loading', busy: true };
  }

  return (
    <div
      {...rootProps}
      className={classNames(cx(null, 'lp-root', 'lp-checkout', 'lp-return'), className)}
    >
      <StatusPanel {...panel} classNames={slotClassNames}>
        {action}
      </StatusPanel>
    </div>
  );
}
