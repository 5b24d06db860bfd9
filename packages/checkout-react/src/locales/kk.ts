export { kk } from '@localpay/checkout-core/locales/kk';
