'use client';
import {
  type CartItemInput,
  type CheckoutApiError,
  type CheckoutSession,
  type CurrencyCode,
  type SessionStatus,
  type SessionUpdate,
  watchSession,
} from '@localpay/checkout-core';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { classNames } from './class-names.ts';
import { useCheckoutContext, useCheckoutMessages } from './context.tsx';
import { EmbeddedPayment } from './EmbeddedPayment.tsx';
import { useCheckoutFlow, usePaymentMethods } from './hooks.ts';
import { formatAmount, PaymentStatus } from './PaymentStatus.tsx';
import { isWithinLimits, ProviderPicker } from './ProviderPicker.tsx';
import { type CheckoutClassNames, ClassNamesProvider, usePartStyle } from './part-style.ts';
import { QrPayment } from './QrPayment.tsx';
import { RedirectPayment } from './RedirectPayment.tsx';
import { useFocusOnChange } from './use-focus-on-change.ts';
import { useSessionCallbacks } from './use-session-callbacks.ts';

export interface CheckoutProps {
  /** SKUs and quantities only: the server prices the cart, prices sent from here are dropped. */
  cart: { items: CartItemInput[] };
  currency: CurrencyCode;
  /** Absolute URL of your return page (where PaymentReturn is rendered). */
  returnUrl?: string;
  /** Cart total in minor units, if the page knows it: shown on the Pay button, used for method limits. */
  amount?: number;
  onSuccess?: (session: CheckoutSession) => void;
  onStatusChange?: (status: SessionStatus, session: CheckoutSession) => void;
  /** Shown as "Pay to" next to a QR code. */
  merchantName?: string;
  className?: string;
  /** Classes for the inner elements of Checkout and of every part it renders (see README). */
  classNames?: CheckoutClassNames;
}

function useErrorMessage(error: CheckoutApiError | null): string {
  const t = useCheckoutMessages();
  if (!error) return '';
  if (error.code === 'network_error') return t('errorNetwork');
  return error.message || t('errorUnknown');
}

/**
 * The step shown once a session exists. `redirect` leaves the page; every other next action
 * waits here with the live status. This switch is where the QR view plugs in (`next.type === 'qr'`).
 */
function NextActionView({
  session,
  methodLabel,
  isQr,
  merchantName,
  onRetry,
  onNewQr,
  onUpdate,
}: {
  session: CheckoutSession;
  methodLabel: string;
  isQr: boolean;
  merchantName: string | undefined;
  onRetry: () => void;
  onNewQr: () => unknown;
  onUpdate: (update: SessionUpdate) => void;
}) {
  if (isQr) {
    return (
      <QrPayment
        session={session}
        merchantName={merchantName}
        onNewQr={onNewQr}
        onUpdate={onUpdate}
        onRetry={onRetry}
      />
    );
  }
  if (session.next?.type === 'redirect' && session.status === 'pending') {
    return <RedirectPayment session={session} methodLabel={methodLabel} />;
  }
  // An embedded gateway page (Ktpay): closing it goes back to the method list.
  if (session.next?.type === 'iframe' && session.status === 'pending') {
    return <EmbeddedPayment session={session} methodLabel={methodLabel} onClose={onRetry} />;
  }
  return <PaymentStatus session={session} onRetry={onRetry} focusOnMount />;
}

export function Checkout({
  cart,
  currency,
  returnUrl,
  amount,
  onSuccess,
  onStatusChange,
  merchantName,
  className,
  classNames: slotClassNames,
}: CheckoutProps) {
  const { client, locale, pollIntervalMs, methodLabel: labelOf } = useCheckoutContext();
  const { cx, slots, rootProps } = usePartStyle<HTMLDivElement>(slotClassNames);
  const t = useCheckoutMessages();
  const methods = usePaymentMethods(currency);
  const flow = useCheckoutFlow();
  const { step, session, methodId, error, selectMethod, sessionUpdated } = flow;
  const [needsMethod, setNeedsMethod] = useState(false);
  const errorHeadingRef = useRef<HTMLHeadingElement>(null);
  const pickerErrorId = useId();
  const errorMessage = useErrorMessage(error);
  useFocusOnChange(errorHeadingRef, step === 'error' ? error : null);

  const available = (methods.data ?? []).filter((m) => isWithinLimits(m, amount));
  const onlyMethod = available.length === 1 ? available[0] : undefined;
  useEffect(() => {
    if (onlyMethod && methodId === null) selectMethod(onlyMethod.id);
  }, [onlyMethod, methodId, selectMethod]);

  // A QR session stays a QR session after `next` is gone (final statuses drop it).
  const [qrSessionId, setQrSessionId] = useState<string | null>(null);
  if (session?.next?.type === 'qr' && qrSessionId !== session.id) setQrSessionId(session.id);
  const isQr = session !== null && session.id === qrSessionId;

  // Follow the status of sessions that wait on this page; QrPayment follows its own (QR schedule).
  const sessionId = step === 'awaiting' && !isQr ? (session?.id ?? null) : null;
  useEffect(() => {
    if (!sessionId) return;
    return watchSession(client, sessionId, { onUpdate: sessionUpdated, pollIntervalMs });
  }, [client, sessionId, sessionUpdated, pollIntervalMs]);

  useSessionCallbacks(session, { onStatusChange, onSuccess });

  function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!methodId) {
      setNeedsMethod(true);
      event.currentTarget.querySelector<HTMLInputElement>('input[type="radio"]:enabled')?.focus();
      return;
    }
    setNeedsMethod(false);
    // Only SKUs and quantities leave the browser, whatever else the cart objects carry.
    const items = cart.items.map(({ sku, quantity }) => ({ sku, quantity }));
    void flow.startPayment({
      cart: { items },
      // The server needs an absolute URL; a path like "/order" is resolved against this page.
      ...(returnUrl ? { returnUrl: new URL(returnUrl, window.location.href).toString() } : {}),
      locale,
      // The shopper's currency: the server's price hook decides, this only tells it the choice.
      currency,
    });
  }

  const creating = step === 'creating';
  const selected = methods.data?.find((m) => m.id === (session?.methodId ?? methodId));
  const methodLabel = selected ? labelOf(selected) : (session?.methodId ?? '');

  // Short progress and problem notes live in one visible, persistent polite region; steps with
  // their own heading (redirect, status, create error) announce through focus and their region.
  let notice = '';
  let body: ReactNode = null;
  // `creating` with a session: a new QR code is being made for the same cart (restart).
  if (session && step !== 'select' && step !== 'error') {
    body = (
      <NextActionView
        session={session}
        methodLabel={methodLabel}
        isQr={isQr}
        merchantName={merchantName}
        onRetry={flow.reset}
        onNewQr={flow.restart}
        onUpdate={sessionUpdated}
      />
    );
  } else if (methods.isPending) {
    notice = t('methodsLoading');
  } else if (methods.isError) {
    notice = t('methodsError');
    body = (
      <div className={cx('actions', 'lp-checkout__actions')}>
        <button
          type="button"
          className={cx('button', 'lp-button', 'lp-button--secondary')}
          onClick={() => void methods.refetch()}
        >
          {t('retry')}
        </button>
      </div>
    );
  } else if (methods.data.length === 0) {
    notice = t('methodsEmpty', { currency });
  } else {
    if (creating) notice = t('creatingHeading');
    body = (
      <>
        {step === 'error' ? (
          <div className={cx('problem', 'lp-checkout__problem')}>
            <h2
              ref={errorHeadingRef}
              tabIndex={-1}
              className={cx('heading', 'lp-checkout__problem-heading')}
            >
              {t('createErrorHeading')}
            </h2>
            <p className={cx('body')}>{errorMessage}</p>
            <button
              type="button"
              className={cx('button', 'lp-button', 'lp-button--secondary')}
              onClick={() => void flow.retry()}
            >
              {t('tryAgain')}
            </button>
          </div>
        ) : null}
        <form className={cx('form', 'lp-checkout__form')} onSubmit={pay} noValidate>
          <ProviderPicker
            methods={methods.data}
            value={methodId}
            onChange={(id) => {
              setNeedsMethod(false);
              selectMethod(id);
            }}
            currency={currency}
            amount={amount}
            errorId={needsMethod ? pickerErrorId : undefined}
          />
          {needsMethod ? (
            <p id={pickerErrorId} className={cx('fieldError', 'lp-checkout__field-error')}>
              {t('chooseMethod')}
            </p>
          ) : null}
          <button
            type="submit"
            className={cx('payButton', 'lp-button', 'lp-button--primary', 'lp-checkout__pay')}
            // aria-disabled keeps focus on the button; the flow store ignores repeat submits.
            aria-disabled={creating}
          >
            {amount === undefined
              ? t('pay')
              : t('payAmount', { amount: formatAmount(amount, currency, locale) })}
          </button>
        </form>
      </>
    );
  }

  return (
    <div
      {...rootProps}
      className={classNames(cx(null, 'lp-root', 'lp-checkout'), className)}
      aria-busy={methods.isPending || creating}
    >
      <p role="status" className={cx('notice', 'lp-checkout__notice')}>
        {notice}
      </p>
      {/* The parts below take their slot classes (classNames) from here. */}
      <ClassNamesProvider value={slots}>{body}</ClassNamesProvider>
    </div>
  );
}
