'use client';
import { useEffect, useState } from 'react';

/** A touch-first device or a narrow viewport: where the payer's wallet app is on this device. */
export const MOBILE_LAYOUT_QUERY = '(pointer: coarse), (max-width: 40rem)';

/**
 * Whether the page is shown on a phone-like device. Decided in an effect, so server rendering and
 * the first client render agree (`false`), and updated when the media query changes.
 */
export function useMobileLayout(): boolean {
  const [mobile, setMobile] = useState(false);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(MOBILE_LAYOUT_QUERY);
    const update = () => setMobile(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return mobile;
}
