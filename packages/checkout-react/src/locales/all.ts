export { allCheckoutLocales } from '@localpay/checkout-core/locales/all';
