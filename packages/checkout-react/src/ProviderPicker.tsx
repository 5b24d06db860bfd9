'use client';
import type { CurrencyCode, PaymentMethod } from '@localpay/checkout-core';
import { useId } from 'react';
import { classNames } from './class-names.ts';
import { useCheckoutContext, useCheckoutMessages } from './context.tsx';
import { formatAmount } from './PaymentStatus.tsx';
import { type CheckoutClassNames, usePartStyle } from './part-style.ts';

export interface ProviderPickerProps {
  methods: PaymentMethod[];
  /** The selected method id, or null. */
  value: string | null;
  onChange: (methodId: string) => void;
  /** Currency of the limits (and of `amount`). Needed to show limit hints. */
  currency?: CurrencyCode;
  /** Cart total in minor units, when known: methods whose limits exclude it are disabled. */
  amount?: number;
  disabled?: boolean;
  /** Radio group name; defaults to a unique id. */
  name?: string;
  /** Id of an element describing a problem with the choice (e.g. "choose a method"). */
  errorId?: string;
  className?: string;
  /** Classes for the inner elements: picker, legend, option, optionSelected, radio, label, hint. */
  classNames?: CheckoutClassNames;
}

export function isWithinLimits(method: PaymentMethod, amount: number | undefined): boolean {
  if (amount === undefined) return true;
  if (method.minAmount !== undefined && amount < method.minAmount) return false;
  if (method.maxAmount !== undefined && amount > method.maxAmount) return false;
  return true;
}

/** A native radio group: arrow keys, Space and a single Tab stop come from the browser. */
export function ProviderPicker({
  methods,
  value,
  onChange,
  currency,
  amount,
  disabled = false,
  name,
  errorId,
  className,
  classNames: slotClassNames,
}: ProviderPickerProps) {
  const { locale, methodLabel } = useCheckoutContext();
  const { cx, rootProps } = usePartStyle<HTMLFieldSetElement>(slotClassNames);
  const t = useCheckoutMessages();
  const baseId = useId();
  const groupName = name ?? `${baseId}-method`;

  function limitHint(method: PaymentMethod): string | null {
    if (!isWithinLimits(method, amount)) return t('methodUnavailableForAmount');
    if (!currency) return null;
    const min =
      method.minAmount === undefined ? null : formatAmount(method.minAmount, currency, locale);
    const max =
      method.maxAmount === undefined ? null : formatAmount(method.maxAmount, currency, locale);
    if (min && max) return t('methodLimitRange', { min, max });
    if (min) return t('methodLimitMin', { min });
    if (max) return t('methodLimitMax', { max });
    return null;
  }

  return (
    <fieldset
      {...rootProps}
      className={classNames(cx('picker', 'lp-root', 'lp-picker'), className)}
      disabled={disabled}
      aria-describedby={errorId}
    >
      <legend className={cx('legend', 'lp-picker__legend')}>{t('pickerLegend')}</legend>
      {methods.map((method, index) => {
        const id = `${baseId}-${index}`;
        const hint = limitHint(method);
        const excluded = !isWithinLimits(method, amount);
        return (
          <div
            key={method.id}
            className={classNames(
              cx(
                'option',
                'lp-picker__option',
                value === method.id && 'lp-picker__option--selected',
                excluded && 'lp-picker__option--unavailable',
              ),
              value === method.id && cx('optionSelected'),
            )}
          >
            <input
              type="radio"
              className={cx('radio', 'lp-picker__radio')}
              id={id}
              name={groupName}
              value={method.id}
              checked={value === method.id}
              disabled={excluded}
              aria-describedby={hint ? `${id}-hint` : undefined}
              onChange={() => onChange(method.id)}
            />
            <label htmlFor={id} className={cx('label', 'lp-picker__label')}>
              {methodLabel(method)}
            </label>
            {hint ? (
              <span id={`${id}-hint`} className={cx('hint', 'lp-picker__hint')}>
                {hint}
              </span>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
