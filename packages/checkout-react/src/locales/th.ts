export { th } from '@localpay/checkout-core/locales/th';
