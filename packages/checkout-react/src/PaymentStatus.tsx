'use client';
import {
  type CheckoutMessageKey,
  type CheckoutSession,
  formatMoney,
  type MessageVars,
  type SessionStatus,
} from '@localpay/checkout-core';
import { useCheckoutContext, useCheckoutMessages } from './context.tsx';
import { type CheckoutClassNames, usePartStyle } from './part-style.ts';
import { StatusPanel, type StatusTone } from './StatusPanel.tsx';

export interface PaymentStatusProps {
  session: CheckoutSession;
  /** Shown as "Try again" on failed, cancelled and expired sessions. */
  onRetry?: () => void;
  /** Focus the heading on first render too (when the status view replaces an earlier step). */
  focusOnMount?: boolean;
  className?: string;
  /** Classes for the inner elements: status, heading, body, actions, button. */
  classNames?: CheckoutClassNames;
}

interface StatusView {
  tone: StatusTone;
  heading: CheckoutMessageKey;
  body: CheckoutMessageKey;
  retryable: boolean;
}

const views: Record<SessionStatus, StatusView> = {
  pending: {
    tone: 'progress',
    heading: 'statusPendingHeading',
    body: 'statusPendingBody',
    retryable: false,
  },
  processing: {
    tone: 'progress',
    heading: 'statusPendingHeading',
    body: 'statusProcessingBody',
    retryable: false,
  },
  succeeded: {
    tone: 'success',
    heading: 'statusSucceededHeading',
    body: 'statusSucceededBody',
    retryable: false,
  },
  failed: {
    tone: 'danger',
    heading: 'statusFailedHeading',
    body: 'statusFailedBody',
    retryable: true,
  },
  cancelled: {
    tone: 'neutral',
    heading: 'statusCancelledHeading',
    body: 'statusCancelledBody',
    retryable: true,
  },
  expired: {
    tone: 'neutral',
    heading: 'statusExpiredHeading',
    body: 'statusExpiredBody',
    retryable: true,
  },
  refunded: {
    tone: 'neutral',
    heading: 'statusRefundedHeading',
    body: 'statusRefundedBody',
    retryable: false,
  },
  partially_refunded: {
    tone: 'neutral',
    heading: 'statusPartiallyRefundedHeading',
    body: 'statusPartiallyRefundedBody',
    retryable: false,
  },
};

export function statusView(status: SessionStatus): StatusView {
  return views[status];
}

/** Formats an amount, falling back to the bare number for a currency we have no exponent for. */
export function formatAmount(amount: number, currency: string, locale: string): string {
  try {
    return formatMoney(amount, currency, locale);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** StatusPanel props describing `session`; shared with PaymentReturn so its panel persists. */
export function sessionPanelProps(
  session: CheckoutSession,
  t: (key: CheckoutMessageKey, vars?: MessageVars) => string,
  locale: string,
) {
  const view = statusView(session.status);
  const amount = formatAmount(session.amount, session.currency, locale);
  return {
    tone: view.tone,
    heading: t(view.heading),
    body: t(view.body, { amount }),
    focusKey: session.status,
    retryable: view.retryable,
  };
}

export function PaymentStatus({
  session,
  onRetry,
  focusOnMount = false,
  className,
  classNames: slotClassNames,
}: PaymentStatusProps) {
  const { cx } = usePartStyle(slotClassNames);
  const { locale } = useCheckoutContext();
  const t = useCheckoutMessages();
  const { retryable, ...panel } = sessionPanelProps(session, t, locale);
  return (
    <StatusPanel
      {...panel}
      focusOnMount={focusOnMount}
      className={className}
      classNames={slotClassNames}
    >
      {retryable && onRetry ? (
        <button
          type="button"
          className={cx('button', 'lp-button', 'lp-button--primary')}
          onClick={onRetry}
        >
          {t('tryAgain')}
        </button>
      ) : null}
    </StatusPanel>
  );
}
