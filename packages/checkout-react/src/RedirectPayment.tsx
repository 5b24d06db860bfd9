'use client';
import type { CheckoutSession } from '@localpay/checkout-core';
import { useEffect, useRef } from 'react';
import { classNames } from './class-names.ts';
import { useCheckoutContext, useCheckoutMessages } from './context.tsx';
import { useFocusOnChange } from './use-focus-on-change.ts';

export interface RedirectPaymentProps {
  session: CheckoutSession;
  /** Shown as "Redirecting to <methodLabel>". */
  methodLabel: string;
  /** Focus the heading on mount (it replaces the previous step). Default true. */
  focusOnMount?: boolean;
  className?: string;
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
}: RedirectPaymentProps) {
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
    <div className={classNames('lp-redirect', className)}>
      <div role="status" className="lp-status__live">
        <h2 ref={headingRef} tabIndex={-1} className="lp-redirect__heading">
          {t('redirectingHeading', { method: methodLabel })}
        </h2>
        <p className="lp-redirect__body">{t('redirectingBody', { method: methodLabel })}</p>
      </div>
      {url ? (
        <a className="lp-button lp-button--primary" href={url} rel="noopener">
          {t('continueToPayment')}
        </a>
      ) : (
        <p className="lp-redirect__error">{t('errorUnknown')}</p>
      )}
    </div>
  );
}
