'use client';
import { type ReactNode, useRef } from 'react';
import { classNames } from './class-names.ts';
import { type CheckoutClassNames, usePartStyle } from './part-style.ts';
import { useFocusOnChange } from './use-focus-on-change.ts';

export type StatusTone = 'neutral' | 'progress' | 'success' | 'danger';

export interface StatusPanelProps {
  tone: StatusTone;
  heading: string;
  body?: string;
  /** Focus moves to the heading whenever this changes. */
  focusKey: unknown;
  focusOnMount?: boolean;
  busy?: boolean;
  className?: string;
  classNames?: CheckoutClassNames;
  children?: ReactNode;
}

/**
 * Heading + message inside one polite live region (role="status") that stays mounted while its
 * text changes, so each change is announced; actions sit outside the region.
 */
export function StatusPanel({
  tone,
  heading,
  body,
  focusKey,
  focusOnMount = false,
  busy = false,
  className,
  classNames: slotClassNames,
  children,
}: StatusPanelProps) {
  const { cx, rootProps } = usePartStyle<HTMLDivElement>(slotClassNames);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(headingRef, focusKey, focusOnMount);
  return (
    <div
      {...rootProps}
      className={classNames(cx('status', 'lp-root', 'lp-status', `lp-status--${tone}`), className)}
      data-lp-tone={tone}
      aria-busy={busy}
    >
      <div role="status" className={cx(null, 'lp-status__live')}>
        <h2 ref={headingRef} tabIndex={-1} className={cx('heading', 'lp-status__heading')}>
          {heading}
        </h2>
        {body ? <p className={cx('body', 'lp-status__body')}>{body}</p> : null}
      </div>
      {children ? <div className={cx('actions', 'lp-status__actions')}>{children}</div> : null}
    </div>
  );
}
