import { createHash } from 'node:crypto';
import {
  type CreateSessionRequest,
  type CurrencyCode,
  type PaymentMethod,
  RETURN_RESULT_PARAM,
  RETURN_SESSION_PARAM,
} from '@localpay/checkout-core';
import type { CheckoutOptions, ResolvedCart, ResolvedConfig } from '../config.ts';
import { ApiError, invalidRequest, UnknownSkuError } from '../errors.ts';
import type { GatewayReturnUrls } from '../gateways/gateway.ts';
import type { OrderLine } from '../store/order-store.ts';

/**
 * Prices the cart with the merchant's hook, telling it the shopper's currency and the chosen
 * method; an unknown SKU becomes a 400 naming its item.
 */
export async function priceCart(
  resolveCart: CheckoutOptions['resolveCart'],
  request: CreateSessionRequest,
  method: PaymentMethod,
): Promise<{ currency: CurrencyCode; lines: OrderLine[]; amount: number }> {
  let cart: ResolvedCart;
  try {
    cart = await resolveCart(request.cart.items, {
      ...(request.locale !== undefined && { locale: request.locale }),
      ...(request.currency !== undefined && { currency: request.currency }),
      method: structuredClone(method),
    });
  } catch (error) {
    // By name too: a second copy of this package in node_modules has its own class.
    if (
      error instanceof UnknownSkuError ||
      (error instanceof Error && error.name === 'UnknownSkuError')
    ) {
      const sku = (error as UnknownSkuError).sku;
      const index = request.cart.items.findIndex((item) => item.sku === sku);
      const field = index >= 0 ? `cart.items[${index}].sku` : 'cart.items';
      throw invalidRequest([{ field, message: 'is not a product we sell' }]);
    }
    throw error;
  }
  const checked = checkResolvedCart(cart);
  const amount = checked.lines.reduce((sum, line) => sum + line.quantity * line.unitAmount, 0);
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw invalidRequest([
      { field: 'cart.items', message: 'must add up to an amount greater than zero' },
    ]);
  }
  return { ...checked, amount };
}

function checkResolvedCart(cart: ResolvedCart): { currency: CurrencyCode; lines: OrderLine[] } {
  // A malformed answer is a merchant bug, not a client error: it surfaces as a 500.
  if (!cart || typeof cart.currency !== 'string' || !/^[A-Z]{3}$/.test(cart.currency)) {
    throw new Error('resolveCart must return { currency: "THB" | …, lines }');
  }
  if (!Array.isArray(cart.lines)) throw new Error('resolveCart must return lines');
  if (cart.lines.length === 0) {
    throw invalidRequest([{ field: 'cart.items', message: 'has nothing that can be bought' }]);
  }
  const lines = cart.lines.map((line) => {
    if (
      typeof line.sku !== 'string' ||
      typeof line.name !== 'string' ||
      !Number.isSafeInteger(line.quantity) ||
      line.quantity <= 0 ||
      !Number.isSafeInteger(line.unitAmount) ||
      line.unitAmount < 0
    ) {
      throw new Error(
        'resolveCart returned a line without sku, name, integer quantity and unitAmount',
      );
    }
    return { sku: line.sku, name: line.name, quantity: line.quantity, unitAmount: line.unitAmount };
  });
  return { currency: cart.currency, lines };
}

/**
 * The method must take the currency: the shopper's before pricing, the priced cart's after (the
 * hook decides what is charged, so it is checked again).
 */
export function checkMethodCurrency(method: PaymentMethod, currency: CurrencyCode) {
  if (method.currencies.includes(currency)) return;
  throw new ApiError(400, 'invalid_request', `${method.label} does not accept ${currency}`, {
    fields: [{ field: 'currency', message: `${currency} is not accepted by ${method.id}` }],
    currency,
    currencies: method.currencies,
  });
}

/** The method must take the cart's currency and total (limits are inclusive). */
export function checkMethodAccepts(method: PaymentMethod, currency: CurrencyCode, amount: number) {
  checkMethodCurrency(method, currency);
  const belowMin = method.minAmount !== undefined && amount < method.minAmount;
  const aboveMax = method.maxAmount !== undefined && amount > method.maxAmount;
  if (!belowMin && !aboveMax) return;
  const limit = belowMin ? `at least ${method.minAmount}` : `at most ${method.maxAmount}`;
  throw new ApiError(
    400,
    'invalid_request',
    `The total is ${belowMin ? 'below the minimum' : 'above the maximum'} for ${method.label}`,
    {
      fields: [{ field: 'cart', message: `total must be ${limit} (minor units)` }],
      amount,
      currency,
      ...(method.minAmount !== undefined && { minAmount: method.minAmount }),
      ...(method.maxAmount !== undefined && { maxAmount: method.maxAmount }),
    },
  );
}

/**
 * The browser's returnUrl (or the configured default), checked against the allow-list. Required
 * only where the payer leaves the page (redirect flows); a QR flow may go without one.
 */
export function resolveReturnUrl(
  config: ResolvedConfig,
  requested: string | undefined,
  options: { required: boolean },
): string | undefined {
  const url = requested ?? config.defaultReturnUrl;
  if (url === undefined) {
    if (!options.required) return undefined;
    throw invalidRequest([
      { field: 'returnUrl', message: 'is required (no default return URL is configured)' },
    ]);
  }
  if (config.allowedReturnOrigins && !config.allowedReturnOrigins.includes(new URL(url).origin)) {
    throw invalidRequest([{ field: 'returnUrl', message: 'has an origin that is not allowed' }]);
  }
  return url;
}

/** Where the gateway sends the payer back: `checkout_session=<id>`, plus `checkout_result=fail`. */
export function gatewayReturnUrls(returnUrl: string, sessionId: string): GatewayReturnUrls {
  const success = new URL(returnUrl);
  success.searchParams.set(RETURN_SESSION_PARAM, sessionId);
  const fail = new URL(success);
  fail.searchParams.set(RETURN_RESULT_PARAM, 'fail');
  return { successUrl: success.toString(), failUrl: fail.toString() };
}

/** Identifies "the same request" for an Idempotency-Key: the validated fields only. */
export function hashCreateRequest(request: CreateSessionRequest): string {
  const canonical = JSON.stringify([
    request.methodId,
    request.cart.items.map((item) => [item.sku, item.quantity]),
    request.returnUrl ?? null,
    request.locale ?? null,
    // Appended only when sent, so keys stored before `currency` existed still match their retries.
    ...(request.currency !== undefined ? [request.currency] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
