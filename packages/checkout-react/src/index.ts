'use client';
export type {
  CheckoutLocalePack,
  CheckoutMessages,
  CheckoutTranslations,
} from '@localpay/checkout-core';
export {
  type CheckoutAppearance,
  type CheckoutTheme,
  LP_VARIABLES,
  type LpVariable,
} from './appearance.ts';
export { Checkout, type CheckoutProps } from './Checkout.tsx';
export {
  CheckoutProvider,
  type CheckoutProviderProps,
  useCheckoutClient,
  useCheckoutMessages,
} from './context.tsx';
export {
  EmbeddedPayment,
  type EmbeddedPaymentProps,
  embeddedTarget,
} from './EmbeddedPayment.tsx';
export {
  type SessionStatusOptions,
  type SessionStatusResult,
  useCheckoutFlow,
  useCheckoutSession,
  usePaymentMethods,
  useSessionStatus,
} from './hooks.ts';
export { PaymentReturn, type PaymentReturnProps } from './PaymentReturn.tsx';
export { PaymentStatus, type PaymentStatusProps } from './PaymentStatus.tsx';
export { ProviderPicker, type ProviderPickerProps } from './ProviderPicker.tsx';
export type { CheckoutClassNames } from './part-style.ts';
export { QrPayment, type QrPaymentProps } from './QrPayment.tsx';
export { KNOWN_APP_SCHEMES, safeAppLink, safeQrSvg } from './qr-safety.ts';
export { RedirectPayment, type RedirectPaymentProps } from './RedirectPayment.tsx';
export { MOBILE_LAYOUT_QUERY, useMobileLayout } from './use-mobile-layout.ts';
