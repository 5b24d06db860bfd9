export { km } from '@localpay/checkout-core/locales/km';
