'use client';
export { Checkout, type CheckoutProps } from './Checkout.tsx';
export {
  CheckoutProvider,
  type CheckoutProviderProps,
  useCheckoutClient,
  useCheckoutMessages,
} from './context.tsx';
export {
  type SessionStatusResult,
  useCheckoutFlow,
  useCheckoutSession,
  usePaymentMethods,
  useSessionStatus,
} from './hooks.ts';
export { PaymentReturn, type PaymentReturnProps } from './PaymentReturn.tsx';
export { PaymentStatus, type PaymentStatusProps } from './PaymentStatus.tsx';
export { ProviderPicker, type ProviderPickerProps } from './ProviderPicker.tsx';
export { RedirectPayment, type RedirectPaymentProps } from './RedirectPayment.tsx';
