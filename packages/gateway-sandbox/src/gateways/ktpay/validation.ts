import { isHttpUrl } from '../../urls.ts';
/**
 * Checks of the opened create-payment JSON (ktpay.md §5). Failures are 4220002 with a
 * field → messages map, as S1 describes validation errors.
 */

export interface KtpayOrderInput {
  orderId: string;
  /** Tiyn. */
  amount: number;
  /** The amount exactly as sent, echoed back in callbacks ("same units as the request", §8). */
  wireAmount: number;
  description: string;
  type: 'ecom' | 'service';
  callbackPostUrl?: string;
  callbackBackUrl?: string;
  callbackSuccessUrl?: string;
  callbackFailedUrl?: string;
  showCloseButton: boolean;
}

export type KtpayValidation =
  | { ok: true; value: KtpayOrderInput }
  | { ok: false; messages: Record<string, string[]> };

const URL_FIELDS = [
  ['callback_post_url', 'callbackPostUrl'],
  ['callback_back_url', 'callbackBackUrl'],
  ['callback_success_url', 'callbackSuccessUrl'],
  ['callback_failed_url', 'callbackFailedUrl'],
] as const;

export function validateKtpayPayment(payload: unknown): KtpayValidation {
  const messages: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    messages[field] = [...(messages[field] ?? []), message];
  };
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, messages: { order: ['Поле order обязательно.'] } };
  }
  const body = payload as Record<string, unknown>;
  const order = body.order as Record<string, unknown> | undefined;
  if (typeof order !== 'object' || order === null || Array.isArray(order)) {
    return { ok: false, messages: { order: ['Поле order обязательно.'] } };
  }
  const orderId = order.order_id;
  if (typeof orderId !== 'string' || orderId.trim() === '' || orderId.length > 64) {
    add('order.order_id', 'Поле order_id обязательно: строка до 64 символов.');
  }
  // "An integer or a float with 2 decimals" (§5): a JSON number, at most 2 places, above zero.
  const amount = order.amount;
  let tiyn = 0;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
    add('order.amount', 'Поле amount должно быть положительным числом.');
  } else {
    tiyn = Math.round(amount * 100);
    if (Math.abs(tiyn - amount * 100) > 1e-6) {
      add('order.amount', 'Поле amount может содержать не более 2 знаков после запятой.');
    }
  }
  const type = order.type;
  if (type !== 'ecom' && type !== 'service') {
    add('order.type', 'Поле type должно быть ecom или service.');
  }
  if (type === 'service') {
    const service = order.service as Record<string, unknown> | undefined;
    if (typeof service !== 'object' || service === null) {
      add('order.service', 'Поле service обязательно для type=service.');
    } else {
      if (service.service_id === undefined) add('order.service.service_id', 'Поле обязательно.');
      if (typeof service.contract_value !== 'string' || service.contract_value === '') {
        add('order.service.contract_value', 'Поле обязательно.');
      }
    }
  }
  if (order.description !== undefined && typeof order.description !== 'string') {
    add('order.description', 'Поле description должно быть строкой.');
  }
  for (const [field] of URL_FIELDS) {
    const value = order[field];
    if (value !== undefined && (typeof value !== 'string' || !isHttpUrl(value))) {
      add(`order.${field}`, `Поле ${field} должно быть URL.`);
    }
  }
  if (order.show_close_button !== undefined && typeof order.show_close_button !== 'boolean') {
    add('order.show_close_button', 'Поле show_close_button должно быть boolean.');
  }
  if (body.user !== undefined) {
    const user = body.user as Record<string, unknown> | null;
    if (typeof user !== 'object' || user === null || Array.isArray(user)) {
      add('user', 'Поле user должно быть объектом.');
    } else {
      for (const key of ['merchant_user_id', 'phone', 'email']) {
        if (user[key] !== undefined && typeof user[key] !== 'string') {
          add(`user.${key}`, `Поле ${key} должно быть строкой.`);
        }
      }
    }
  }
  if (Object.keys(messages).length > 0) return { ok: false, messages };
  const value: KtpayOrderInput = {
    orderId: orderId as string,
    amount: tiyn,
    wireAmount: amount as number,
    description: typeof order.description === 'string' ? order.description : '',
    type: type as 'ecom' | 'service',
    showCloseButton: order.show_close_button !== false,
  };
  for (const [field, key] of URL_FIELDS) {
    if (typeof order[field] === 'string') value[key] = order[field] as string;
  }
  return { ok: true, value };
}
