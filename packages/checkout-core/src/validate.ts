import type { CreateSessionRequest } from './contract.ts';

export interface FieldError {
  /** JSON path of the offending field, e.g. `cart.items[2].quantity`. */
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const MAX_ITEMS = 100;
const MAX_QUANTITY = 10_000;
const SKU_PATTERN = /^[A-Za-z0-9._:/-]{1,64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a `POST /sessions` body. Returns every problem at once, each naming its field, so
 * the server can answer one clear 400. Prices are not part of the request and are ignored.
 */
export function parseCreateSessionRequest(body: unknown): ParseResult<CreateSessionRequest> {
  const errors: FieldError[] = [];
  if (!isRecord(body))
    return { ok: false, errors: [{ field: '', message: 'must be a JSON object' }] };

  const { methodId, cart, returnUrl, locale, currency } = body;
  if (typeof methodId !== 'string' || methodId.length === 0 || methodId.length > 64) {
    errors.push({ field: 'methodId', message: 'must be a non-empty string' });
  }

  const items: CreateSessionRequest['cart']['items'] = [];
  if (!isRecord(cart)) {
    errors.push({ field: 'cart', message: 'must be an object with items' });
  } else if (!Array.isArray(cart.items)) {
    errors.push({ field: 'cart.items', message: 'must be an array' });
  } else if (cart.items.length === 0) {
    errors.push({ field: 'cart.items', message: 'must not be empty' });
  } else if (cart.items.length > MAX_ITEMS) {
    errors.push({ field: 'cart.items', message: `must have at most ${MAX_ITEMS} items` });
  } else {
    cart.items.forEach((item: unknown, index: number) => {
      const at = `cart.items[${index}]`;
      if (!isRecord(item)) {
        errors.push({ field: at, message: 'must be an object with sku and quantity' });
        return;
      }
      if (typeof item.sku !== 'string' || !SKU_PATTERN.test(item.sku)) {
        errors.push({
          field: `${at}.sku`,
          message: 'must be a SKU string (1-64 of A-Z a-z 0-9 . _ : / -)',
        });
      }
      if (
        typeof item.quantity !== 'number' ||
        !Number.isInteger(item.quantity) ||
        item.quantity < 1 ||
        item.quantity > MAX_QUANTITY
      ) {
        errors.push({
          field: `${at}.quantity`,
          message: `must be an integer from 1 to ${MAX_QUANTITY}`,
        });
      }
      if (typeof item.sku === 'string' && typeof item.quantity === 'number') {
        items.push({ sku: item.sku, quantity: item.quantity });
      }
    });
  }

  if (returnUrl !== undefined) {
    if (typeof returnUrl !== 'string' || !URL.canParse(returnUrl)) {
      errors.push({ field: 'returnUrl', message: 'must be an absolute URL' });
    } else if (!/^https?:$/.test(new URL(returnUrl).protocol)) {
      errors.push({ field: 'returnUrl', message: 'must be an http(s) URL' });
    }
  }
  if (
    locale !== undefined &&
    (typeof locale !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale))
  ) {
    errors.push({
      field: 'locale',
      message: 'must be a BCP 47 language tag such as "th" or "en-US"',
    });
  }

  if (currency !== undefined && (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))) {
    errors.push({ field: 'currency', message: 'must be an ISO 4217 code such as "THB"' });
  }

  if (errors.length > 0) return { ok: false, errors };
  const value: CreateSessionRequest = { methodId: methodId as string, cart: { items } };
  if (returnUrl !== undefined) value.returnUrl = returnUrl as string;
  if (locale !== undefined) value.locale = locale as string;
  if (currency !== undefined) value.currency = currency as string;
  return { ok: true, value };
}
