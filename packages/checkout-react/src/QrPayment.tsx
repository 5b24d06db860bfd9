'use client';
import {
  type CheckoutSession,
  describeRemainingTime,
  formatCountdown,
  isFinalStatus,
  msUntilNextSecond,
  QR_POLL_TIMING,
  type QrNextAction,
  qrAnnouncementDue,
  qrExpiryMs,
  qrPollSchedule,
  qrRemainingMs,
  type SessionUpdate,
} from '@localpay/checkout-core';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { classNames } from './class-names.ts';
import { useCheckoutContext, useCheckoutMessages } from './context.tsx';
import { useSessionStatus } from './hooks.ts';
import { formatAmount, PaymentStatus, statusView } from './PaymentStatus.tsx';
import { type CheckoutClassNames, usePartStyle } from './part-style.ts';
import { safeAppLink, safeQrSvg } from './qr-safety.ts';
import { useFocusOnChange } from './use-focus-on-change.ts';
import { useMobileLayout } from './use-mobile-layout.ts';

export interface QrPaymentProps {
  /** A session whose `next` is `{ type: 'qr', svg, expiresAt, deeplink? }`. */
  session: CheckoutSession;
  /** Shown under the amount as "Pay to". */
  merchantName?: string;
  /**
   * Creates a fresh session once the QR expired ("New QR code"); the button shows progress until
   * the returned promise settles. Without it the expired state has no button.
   */
  onNewQr?: () => unknown;
  /** Every status update received for the session (the drop-in feeds its flow store with it). */
  onUpdate?: (update: SessionUpdate) => void;
  /** "Try again" on a failed or cancelled payment (handed over to PaymentStatus). */
  onRetry?: () => void;
  /** Focus the heading on mount (the QR replaces the previous step). Default true. */
  focusOnMount?: boolean;
  className?: string;
  /**
   * Classes for the inner elements: qr, qrPanel, heading, qrDetails, body, qrCode, qrCountdown,
   * actions, button (and the status slots once PaymentStatus takes over).
   */
  classNames?: CheckoutClassNames;
}

/** Remaining ms until `expiryMs`, ticking once per displayed second; `null` until mounted. */
function useQrCountdown(expiryMs: number | null): number | null {
  const [remaining, setRemaining] = useState<number | null>(null);
  useEffect(() => {
    if (expiryMs === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const left = qrRemainingMs(expiryMs, Date.now());
      setRemaining(left);
      if (left > 0) timer = setTimeout(tick, msUntilNextSecond(left));
    };
    tick();
    return () => clearTimeout(timer);
  }, [expiryMs]);
  return remaining;
}

/**
 * A Blob URL of the rendered SVG for a download link, created in an effect and revoked when no
 * longer shown. The file is serialised from the DOM, not copied from the markup: the HTML parser
 * forgives things (a repeated attribute) that make a standalone .svg file unreadable.
 */
function useSvgDownloadUrl(
  container: RefObject<HTMLElement | null>,
  svg: string | null,
): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const element = svg === null ? null : container.current?.querySelector('svg');
    if (!element || typeof URL.createObjectURL !== 'function') return;
    const xml = new XMLSerializer().serializeToString(element);
    const objectUrl = URL.createObjectURL(new Blob([xml], { type: 'image/svg+xml' }));
    setUrl(objectUrl);
    return () => {
      URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [container, svg]);
  return url;
}

/**
 * Pay by scanning a QR code: the server's SVG, amount and merchant, a countdown to the server's
 * `expiresAt`, live status (SSE, polling every 2 s then every 10 s after a minute, none past
 * expiry), spoken remaining time, an expired state with "New QR code", and on phones "Open app"
 * and "Save QR image". Final outcomes are handed over to PaymentStatus.
 */
export function QrPayment(props: QrPaymentProps) {
  // A new session is a new QR: countdown, announcements and watcher all start again.
  return <QrPaymentForSession key={props.session.id} {...props} />;
}

function QrPaymentForSession({
  session,
  merchantName,
  onNewQr,
  onUpdate,
  onRetry,
  focusOnMount = true,
  className,
  classNames: slotClassNames,
}: QrPaymentProps) {
  const { client, locale } = useCheckoutContext();
  const t = useCheckoutMessages();
  // `next` is dropped once the session is final; the QR of this session is kept for the view.
  const [firstQr] = useState<QrNextAction | null>(() =>
    session.next?.type === 'qr' ? session.next : null,
  );
  // Measured once against the server's clock (Date header) so a wrong device clock is harmless.
  const [expiryMs] = useState(() =>
    qrExpiryMs(firstQr?.expiresAt ?? session.expiresAt, client.clockOffsetMs?.() ?? 0),
  );
  // Once the payer's bank is processing, the QR's expiry no longer ends the wait: keep reading.
  const processing = useRef(false);
  const pollSchedule = useMemo(() => {
    const untilExpiry = qrPollSchedule(expiryMs);
    return (elapsedMs: number) =>
      processing.current ? QR_POLL_TIMING.slowIntervalMs : untilExpiry(elapsedMs);
  }, [expiryMs]);
  const { session: live } = useSessionStatus(session, { pollSchedule, onUpdate });
  const current = live ?? session;
  const qr = current.next?.type === 'qr' ? current.next : firstQr;

  const final = isFinalStatus(current.status);
  const inProgress = current.status === 'processing';
  useEffect(() => {
    processing.current = inProgress;
  }, [inProgress]);
  const remaining = useQrCountdown(final || inProgress ? null : expiryMs);
  const expired = current.status === 'expired' || (!final && !inProgress && remaining === 0);
  // Paid or being paid: the QR must not invite a second scan; PaymentStatus takes over.
  const handedOver = (final && !expired) || inProgress;
  const svg = safeQrSvg(qr?.svg);
  const showingQr = !handedOver && !expired && svg !== null;

  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(headingRef, session.id, focusOnMount);

  // Whether keyboard focus is inside this component; focus follows the content only then. No
  // focusout fires when the focused element is removed, so the last known state survives that.
  const rootRef = useRef<HTMLDivElement>(null);
  const { cx, rootProps } = usePartStyle(slotClassNames, rootRef);
  const focusInside = useRef(false);
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    focusInside.current = root.contains(document.activeElement);
    const onFocusIn = () => {
      focusInside.current = true;
    };
    const onFocusOut = (event: FocusEvent) => {
      if (!root.contains(event.relatedTarget as Node | null)) focusInside.current = false;
    };
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('focusout', onFocusOut);
    return () => {
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('focusout', onFocusOut);
    };
  }, []);
  const focusOnHandover = useRef<boolean | null>(null);
  if (handedOver && focusOnHandover.current === null) focusOnHandover.current = focusInside.current;

  const [announcement, setAnnouncement] = useState('');
  const lastAnnounced = useRef<number | null>(null);
  useEffect(() => {
    if (!showingQr || remaining === null) return;
    if (!qrAnnouncementDue(remaining, lastAnnounced.current)) return;
    lastAnnounced.current = remaining;
    setAnnouncement(
      t('qrTimeLeftAnnouncement', { time: describeRemainingTime(remaining, locale) }),
    );
  }, [showingQr, remaining, t, locale]);

  const outcome = expired ? 'expired' : handedOver ? current.status : null;
  useEffect(() => {
    if (outcome === null) return;
    if (outcome === 'expired') setAnnouncement(t('qrExpiredHeading'));
    // A focused status heading is read out already; say it here only when focus stays elsewhere.
    else setAnnouncement(focusOnHandover.current ? '' : t(statusView(outcome).heading));
  }, [outcome, t]);

  const mobile = useMobileLayout();
  const deeplink = safeAppLink(qr?.deeplink);
  const codeRef = useRef<HTMLDivElement>(null);
  const downloadUrl = useSvgDownloadUrl(codeRef, mobile && showingQr ? svg : null);

  const [renewing, setRenewing] = useState(false);
  const renewRunning = useRef(false);
  function renew() {
    if (!onNewQr || renewRunning.current) return;
    renewRunning.current = true;
    setRenewing(true);
    void Promise.resolve()
      .then(onNewQr)
      // The caller shows its own errors (the drop-in's flow store does); this only ends "busy".
      .catch(() => undefined)
      .finally(() => {
        renewRunning.current = false;
        setRenewing(false);
      });
  }

  const amount = formatAmount(current.amount, current.currency, locale);
  const newQrButton = onNewQr ? (
    <button
      type="button"
      className={cx('button', 'lp-button', 'lp-button--primary')}
      aria-disabled={renewing}
      onClick={renew}
    >
      {renewing ? t('qrNewCodeLoading') : t('qrNewCode')}
    </button>
  ) : null;

  return (
    <div
      {...rootProps}
      className={classNames(cx('qr', 'lp-root', 'lp-qr'), className)}
      aria-busy={renewing}
    >
      <p role="status" className={cx(null, 'lp-visually-hidden')}>
        {announcement}
      </p>
      {handedOver ? (
        <PaymentStatus
          session={current}
          onRetry={onRetry}
          focusOnMount={focusOnHandover.current === true}
          classNames={slotClassNames}
        />
      ) : (
        <div className={cx('qrPanel', 'lp-qr__panel', expired && 'lp-qr__panel--expired')}>
          <h2 ref={headingRef} tabIndex={-1} className={cx('heading', 'lp-qr__heading')}>
            {expired ? t('qrExpiredHeading') : t('qrHeading')}
          </h2>
          <dl className={cx('qrDetails', 'lp-qr__details')}>
            <div className={cx(null, 'lp-qr__detail')}>
              <dt>{t('qrAmountLabel')}</dt>
              <dd className={cx(null, 'lp-qr__amount')}>{amount}</dd>
            </div>
            {merchantName ? (
              <div className={cx(null, 'lp-qr__detail')}>
                <dt>{t('qrMerchantLabel')}</dt>
                <dd>{merchantName}</dd>
              </div>
            ) : null}
          </dl>
          {expired ? (
            <>
              <p className={cx('body', 'lp-qr__message')}>{t('qrExpiredBody')}</p>
              {newQrButton}
            </>
          ) : svg === null ? (
            <>
              <p className={cx('body', 'lp-qr__message', 'lp-qr__message--problem')}>
                {t('qrUnavailable')}
              </p>
              {newQrButton}
            </>
          ) : (
            <>
              <p className={cx('body', 'lp-qr__instruction')}>{t('qrInstruction')}</p>
              <div
                ref={codeRef}
                className={cx('qrCode', 'lp-qr__code')}
                role="img"
                aria-label={t('qrImageLabel', { amount })}
                // Server-rendered SVG, trusted by contract and checked by safeQrSvg.
                // biome-ignore lint/security/noDangerouslySetInnerHtml: see above
                dangerouslySetInnerHTML={{ __html: svg }}
              />
              <p className={cx('qrCountdown', 'lp-qr__countdown')} aria-hidden="true">
                <span className={cx(null, 'lp-qr__countdown-label')}>{t('qrTimeLeftLabel')}</span>{' '}
                <span className={cx(null, 'lp-qr__countdown-time')}>
                  {remaining === null ? '' : formatCountdown(remaining)}
                </span>
              </p>
              {mobile && (deeplink || downloadUrl) ? (
                <div className={cx('actions', 'lp-qr__actions')}>
                  {deeplink ? (
                    <a
                      className={cx('button', 'lp-button', 'lp-button--primary')}
                      href={deeplink}
                      rel="noopener"
                    >
                      {t('qrOpenApp')}
                    </a>
                  ) : null}
                  {downloadUrl ? (
                    <a
                      className={cx('button', 'lp-button', 'lp-button--secondary')}
                      href={downloadUrl}
                      download={`qr-${current.id}.svg`}
                    >
                      {t('qrSaveImage')}
                    </a>
                  ) : null}
                </div>
              ) : null}
            </>
          )}
        </div>
      )}
    </div>
  );
}
