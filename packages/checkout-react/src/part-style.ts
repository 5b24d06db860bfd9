'use client';
import { createContext, type RefObject, useContext, useLayoutEffect, useRef } from 'react';
import { APPEARANCE_ATTRIBUTE } from './appearance.ts';
import { classNames } from './class-names.ts';
import { useCheckoutContext } from './context.tsx';

/**
 * Extra classes for the inner elements of the parts, added beside (or, unstyled, instead of) the
 * lp-* classes. Given to `Checkout` they reach the parts it renders; given to a part, its own.
 */
export interface CheckoutClassNames {
  /** Checkout's progress and problem line (a polite live region). */
  notice?: string;
  form?: string;
  /** Checkout's "payment could not be started" box. */
  problem?: string;
  /** "Choose a payment method" under the picker. */
  fieldError?: string;
  payButton?: string;
  /** Every other button and button-like link (Retry, Try again, New QR code, Open app, …). */
  button?: string;
  /** A row of buttons. */
  actions?: string;
  /** The heading of a step (status, redirect, QR, create error). */
  heading?: string;
  /** The text under such a heading. */
  body?: string;
  picker?: string;
  legend?: string;
  option?: string;
  /** Added to the option whose method is selected. */
  optionSelected?: string;
  radio?: string;
  label?: string;
  hint?: string;
  status?: string;
  redirect?: string;
  qr?: string;
  qrPanel?: string;
  qrDetails?: string;
  qrCode?: string;
  qrCountdown?: string;
  /** EmbeddedPayment's root (a gateway page in an iframe). */
  embedded?: string;
  /** The iframe of EmbeddedPayment. */
  frame?: string;
}

export type ClassNameSlot = keyof CheckoutClassNames;

const ClassNamesContext = createContext<CheckoutClassNames>({});

/** Hands a part's slot classes on to the parts it renders. */
export const ClassNamesProvider = ClassNamesContext.Provider;

/** lp-* classes that carry accessibility, not looks: kept in the unstyled mode. */
const ACCESSIBILITY_CLASSES: ReadonlySet<string> = new Set(['lp-visually-hidden']);

type ClassName = string | false | null | undefined;

export interface PartStyle<T extends HTMLElement> {
  /** Class list of an element: the lp-* classes (dropped when unstyled) and the slot's classes. */
  cx: (slot: ClassNameSlot | null, ...lpClasses: ClassName[]) => string;
  /** The slot classes in effect, for `ClassNamesProvider` around nested parts. */
  slots: CheckoutClassNames;
  /** Spread on the part's root element, with `lp-root` among its lp-* classes. */
  rootProps: {
    ref: RefObject<T | null>;
    'data-lp-theme'?: string;
    [APPEARANCE_ATTRIBUTE]?: string;
  };
}

function mergeSlots(outer: CheckoutClassNames, own: CheckoutClassNames | undefined) {
  if (!own) return outer;
  const merged: CheckoutClassNames = { ...outer };
  for (const [slot, value] of Object.entries(own) as Array<[ClassNameSlot, string | undefined]>) {
    merged[slot] = classNames(outer[slot], value) || undefined;
  }
  return merged;
}

/**
 * Classes and theme of one part. The root gets `data-lp-theme` and the provider's
 * `appearance.variables`: through the nonce'd <style> element (`data-lp-appearance` selects it)
 * when the provider has a nonce, else set on the element through CSSOM in a layout effect, before
 * paint. Neither is a `style` attribute in the markup, so a strict CSP holds.
 */
export function usePartStyle<T extends HTMLElement>(
  own?: CheckoutClassNames,
  ref?: RefObject<T | null>,
): PartStyle<T> {
  const { appearance } = useCheckoutContext();
  const { theme, declarations, instanceId, nonce } = appearance;
  const slots = mergeSlots(useContext(ClassNamesContext), own);
  const ownRef = useRef<T>(null);
  const rootRef = ref ?? ownRef;
  const unstyled = theme === 'none';
  const scoped = nonce !== undefined && declarations.length > 0;

  useLayoutEffect(() => {
    const element = rootRef.current;
    if (!element || nonce !== undefined) return;
    for (const [name, value] of declarations) element.style.setProperty(name, value);
    return () => {
      for (const [name] of declarations) element.style.removeProperty(name);
    };
  }, [rootRef, declarations, nonce]);

  return {
    cx: (slot, ...lpClasses) =>
      classNames(
        ...(unstyled
          ? lpClasses.filter((name) => typeof name === 'string' && ACCESSIBILITY_CLASSES.has(name))
          : lpClasses),
        slot ? slots[slot] : null,
      ),
    slots,
    rootProps: {
      ref: rootRef,
      ...(unstyled ? {} : { 'data-lp-theme': theme }),
      ...(scoped ? { [APPEARANCE_ATTRIBUTE]: instanceId } : {}),
    },
  };
}
