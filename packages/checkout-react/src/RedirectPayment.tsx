'use client';
import type { CheckoutSession } from '@localpay/checkout-core';
import { useEffect, useRef } from 'react';
import { classNames } from './class-names.ts';
import { useCheckoutContext, useCheckoutMessages } from './context.tsx';
import { type CheckoutClassNames, usePartStyle } from './part-style.ts';
import { useFocusOnChange } from './use-focus-on-change.ts';

export interface RedirectPaymentProps {
  session: CheckoutSession;
  /** Shown as "Redirecting to <methodLabel>". */
  methodLabel: string;
  /** Focus the heading on mount (it replaces the previous step). Default true. */
  focusOnMount?: boolean;
  className?: string;
  /** Classes for the inner elements: redirect, heading, body, button, fieldError. */
  classNames?: CheckoutClassNames;
}

/** Only http(s) pages may receive the payer; anything else (javascript:, data:) is refused. */
export function safeRedirectUrl(url: string | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const { protocol } = new URL(url);
  return protocol === 'https:' || protocol === 'http:' ? url : null;
}

export function RedirectPayment({
  session,
  methodLabel,
  focusOnMount = true,
  className,
  classNames: slotClassNames,
}: RedirectPaymentProps) {
  const { cx, rootProps } = usePartStyle<HTMLDivElement>(slotClassNames);
  const { navigate } = useCheckoutContext();
  const t = useCheckoutMessages();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(headingRef, session.id, focusOnMount);
  const url = safeRedirectUrl(session.next?.type === 'redirect' ? session.next.url : undefined);
  const assigned = useRef<string | null>(null);

  useEffect(() => {
    // Refs survive StrictMode's effect replay: navigate once per URL.
    if (!url || assigned.current === url) return;
    assigned.current = url;
    navigate(url);
  }, [url, navigate]);

  return (
    <div {...rootProps} className={classNames(cx('redirect', 'lp-root', 'lp-redirect'), className)}>
      <div role="status" className={cx(null, 'lp-status__live')}>
        <h2 ref={headingRef} tabIndex={-1} className={cx('heading', 'lp-redirect__heading')}>
          {t('redirectingHeading', { method: methodLabel })}
        </h2>
        <p className={cx('body', 'lp-redirect__body')}>
          {t('redirectingBody', { method: methodLabel })}
        </p>
      </div>
      {url ? (
        <a className={cx('button', 'lp-button', 'lp-button--primary')} href={url} rel="noopener">
          {t('continueToPayment')}
        </a>
      ) : (
        <p className={cx('fieldError', 'lp-redirect__error')}>{t('errorUnknown')}</p>
      )}
    </div>
  );
}
