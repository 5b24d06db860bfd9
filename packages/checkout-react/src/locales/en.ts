export { en } from '@localpay/checkout-core/locales/en';
