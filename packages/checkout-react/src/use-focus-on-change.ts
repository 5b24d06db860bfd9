'use client';
import { type RefObject, useEffect, useRef } from 'react';

const NOT_YET = Symbol('not yet focused');

/**
 * Moves focus to `ref` whenever `key` changes (a new step or status), so keyboard and screen
 * reader users land on the new heading. With `onMount`, also on the first render; StrictMode's
 * repeated effect sees the same key and does not refocus.
 */
export function useFocusOnChange(
  ref: RefObject<HTMLElement | null>,
  key: unknown,
  onMount = false,
): void {
  const previous = useRef<unknown>(onMount ? NOT_YET : key);
  useEffect(() => {
    if (Object.is(previous.current, key)) return;
    previous.current = key;
    ref.current?.focus();
  }, [ref, key]);
}
