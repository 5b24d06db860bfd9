export { ru } from '@localpay/checkout-core/locales/ru';
