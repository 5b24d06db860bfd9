'use client';
import type { CheckoutSession } from '@localpay/checkout-core';
import { useEffect, useRef } from 'react';
import { classNames } from './class-names.ts';
import { useCheckoutContext, useCheckoutMessages } from './context.tsx';
import { type CheckoutClassNames, usePartStyle } from './part-style.ts';
import { safeRedirectUrl } from './RedirectPayment.tsx';
import { useFocusOnChange } from './use-focus-on-change.ts';

export interface EmbeddedPaymentProps {
  /** A session whose `next` is `{ type: 'iframe', url, origin }` (Ktpay's card widget). */
  session: CheckoutSession;
  /** Names the payment form for screen readers: "<methodLabel> payment form". */
  methodLabel: string;
  /**
   * The embedded page asked to close, or the payer chose another method. The drop-in goes back
   * to the method list; the gateway's transaction simply expires unpaid.
   */
  onClose: () => void;
  /** Focus the heading on mount (it replaces the previous step). Default true. */
  focusOnMount?: boolean;
  className?: string;
  /** Classes for the inner elements: embedded, heading, frame, button, fieldError. */
  classNames?: CheckoutClassNames;
}

/**
 * The iframe's URL and origin, when the URL is http(s) and really on that origin; null otherwise
 * (a `javascript:` URL or a mismatched origin is never framed or listened to).
 */
export function embeddedTarget(session: CheckoutSession): { url: string; origin: string } | null {
  const next = session.next;
  if (next?.type !== 'iframe') return null;
  const url = safeRedirectUrl(next.url);
  if (!url || new URL(url).origin !== next.origin) return null;
  return { url, origin: next.origin };
}

/**
 * A gateway's payment page embedded in the checkout, speaking the Ktpay widget's postMessage
 * protocol (ktpay.md §4.4): the string `close` closes it; a string with `http` navigates the top
 * window there (http(s) only). Messages from any other origin or window are ignored. The session
 * status is followed by the caller (Checkout watches every session that waits on the page).
 */
export function EmbeddedPayment({
  session,
  methodLabel,
  onClose,
  focusOnMount = true,
  className,
  classNames: slotClassNames,
}: EmbeddedPaymentProps) {
  const { cx, rootProps } = usePartStyle<HTMLDivElement>(slotClassNames);
  const { navigate } = useCheckoutContext();
  const t = useCheckoutMessages();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);
  useFocusOnChange(headingRef, session.id, focusOnMount);
  const target = embeddedTarget(session);
  const origin = target?.origin ?? null;

  // The latest callbacks, without re-subscribing on every render.
  const handlers = useRef({ onClose, navigate });
  handlers.current = { onClose, navigate };

  useEffect(() => {
    if (!origin) return;
    function onMessage(event: MessageEvent) {
      if (event.origin !== origin) return;
      const frameWindow = frameRef.current?.contentWindow;
      if (frameWindow && event.source !== frameWindow) return;
      if (typeof event.data !== 'string') return;
      if (event.data === 'close') {
        handlers.current.onClose();
        return;
      }
      if (!event.data.includes('http')) return;
      const url = safeRedirectUrl(event.data.trim());
      if (url) handlers.current.navigate(url);
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [origin]);

  const title = t('embeddedFrameTitle', { method: methodLabel });
  return (
    <div {...rootProps} className={classNames(cx('embedded', 'lp-root', 'lp-embedded'), className)}>
      {/* Announces the step even when focus stays where it was (focusOnMount={false}). */}
      <div role="status" className={cx(null, 'lp-status__live')}>
        <h2 ref={headingRef} tabIndex={-1} className={cx('heading', 'lp-embedded__heading')}>
          {title}
        </h2>
      </div>
      {target ? (
        <iframe
          ref={frameRef}
          src={target.url}
          title={title}
          className={cx('frame', 'lp-embedded__frame')}
          allow="payment"
          sandbox="allow-scripts allow-forms allow-same-origin allow-popups"
        />
      ) : (
        <p className={cx('fieldError', 'lp-embedded__error')}>{t('errorUnknown')}</p>
      )}
      <button
        type="button"
        className={cx('button', 'lp-button', 'lp-button--secondary')}
        onClick={onClose}
      >
        {t('chooseAnotherMethod')}
      </button>
    </div>
  );
}
