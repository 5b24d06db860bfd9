import type { CheckoutLocalePack } from '../i18n/locale-pack.ts';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { km } from './km.ts';
import { ru } from './ru.ts';
import { th } from './th.ts';

/**
 * Every built-in pack, for apps that switch among all of them and accept the weight (about 5 kB
 * brotli for the four non-English ones). Shops that show one language import just that one.
 */
export const allCheckoutLocales: readonly CheckoutLocalePack[] = [en, th, km, kk, ru];
