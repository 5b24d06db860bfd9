import { isHttpUrl } from '../../urls.ts';
import type { KsherOrderInput } from './orders.ts';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string[]> };

const MISSING = 'Missing data for required field.';

/**
 * Integer in minor units. Like marshmallow's Integer field (the gateway is Python), integral
 * numeric strings are accepted too: the Java SDK sends every value as a JSON string (ksher.md §3.2).
 */
function readInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

function requireString(
  params: Record<string, unknown>,
  field: string,
  errors: Record<string, string[]>,
): string | undefined {
  const value = params[field];
  if (value === undefined || value === null) {
    errors[field] = [MISSING];
    return undefined;
  }
  if (typeof value !== 'string') {
    errors[field] = ['Not a valid string.'];
    return undefined;
  }
  if (value === '') {
    errors[field] = ['Shorter than minimum length 1.'];
    return undefined;
  }
  return value;
}

function optionalString(
  params: Record<string, unknown>,
  field: string,
  errors: Record<string, string[]>,
): string | undefined {
  const value = params[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    errors[field] = ['Not a valid string.'];
    return undefined;
  }
  return value;
}

function requirePositiveInteger(
  params: Record<string, unknown>,
  field: string,
  errors: Record<string, string[]>,
): number | undefined {
  const raw = params[field];
  if (raw === undefined || raw === null) {
    errors[field] = [MISSING];
    return undefined;
  }
  const value = readInteger(raw);
  if (value === undefined) {
    errors[field] = ['Not a valid integer.'];
    return undefined;
  }
  if (value < 1) {
    errors[field] = ['Must be greater than or equal to 1.'];
    return undefined;
  }
  return value;
}

function requireUrl(
  params: Record<string, unknown>,
  field: string,
  errors: Record<string, string[]>,
): string | undefined {
  const value = params[field];
  if (value === undefined || value === null) {
    errors[field] = [MISSING];
    return undefined;
  }
  if (!isHttpUrl(value)) {
    errors[field] = ['Not a valid URL.'];
    return undefined;
  }
  return value;
}

/** Every call carries a non-empty string `timestamp`; its format is not checked (ksher.md §3.4). */
export function validateTimestamp(params: Record<string, unknown>): Validated<string> {
  const errors: Record<string, string[]> = {};
  const timestamp = requireString(params, 'timestamp', errors);
  return timestamp === undefined ? { ok: false, errors } : { ok: true, value: timestamp };
}

/** Redirect create body (ksher.md §4.1). */
export function validateCreateOrder(
  params: Record<string, unknown>,
): Validated<KsherOrderInput & { timestamp: string }> {
  const errors: Record<string, string[]> = {};
  const merchantOrderId = requireString(params, 'merchant_order_id', errors);
  const amount = requirePositiveInteger(params, 'amount', errors);
  const redirectUrl = requireUrl(params, 'redirect_url', errors);
  const redirectUrlFail = requireUrl(params, 'redirect_url_fail', errors);
  const timestamp = requireString(params, 'timestamp', errors);
  const channel = optionalString(params, 'channel', errors);
  const note = optionalString(params, 'note', errors);
  const mid = optionalString(params, 'mid', errors);
  const productName = optionalString(params, 'product_name', errors);
  optionalString(params, 'provider', errors);
  if (channel !== undefined && channel !== '' && !/^[a-z0-9_]+(,[a-z0-9_]+)*$/.test(channel)) {
    errors.channel = ['Channels must be a comma-separated list without spaces.'];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      merchantOrderId: merchantOrderId as string,
      amount: amount as number,
      redirectUrl: redirectUrl as string,
      redirectUrlFail: redirectUrlFail as string,
      timestamp: timestamp as string,
      channels: channel ? channel.split(',') : [],
      note,
      mid,
      productName,
    },
  };
}

/** Refund body (ksher.md §4.1). */
export function validateRefund(
  params: Record<string, unknown>,
): Validated<{ refundOrderId: string; refundAmount: number; timestamp: string }> {
  const errors: Record<string, string[]> = {};
  const refundOrderId = requireString(params, 'refund_order_id', errors);
  const refundAmount = requirePositiveInteger(params, 'refund_amount', errors);
  const timestamp = requireString(params, 'timestamp', errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      refundOrderId: refundOrderId as string,
      refundAmount: refundAmount as number,
      timestamp: timestamp as string,
    },
  };
}

export interface KsherTypedOrderInput {
  merchantOrderId: string;
  amount: number;
  channel: string;
  timestamp: string;
  note: string | undefined;
  mid: string | undefined;
  productName: string | undefined;
  /** The type's own required and optional string fields (auth_code, miniapp_openid, …). */
  extra: Record<string, string | undefined>;
}

/**
 * Create body of the C scan B, B scan C, mini-program and App APIs (ksher.md §4.2-§4.5): exactly
 * one `channel` from the type's list, plus the type's own required string fields.
 */
export function validateTypedCreate(
  params: Record<string, unknown>,
  shape: { channels: readonly string[]; required: readonly string[]; optional?: readonly string[] },
): Validated<KsherTypedOrderInput> {
  const errors: Record<string, string[]> = {};
  const merchantOrderId = requireString(params, 'merchant_order_id', errors);
  const amount = requirePositiveInteger(params, 'amount', errors);
  const timestamp = requireString(params, 'timestamp', errors);
  const channel = requireString(params, 'channel', errors);
  const note = optionalString(params, 'note', errors);
  const mid = optionalString(params, 'mid', errors);
  const productName = optionalString(params, 'product_name', errors);
  optionalString(params, 'provider', errors);
  if (channel !== undefined && !shape.channels.includes(channel)) {
    errors.channel = [`Must be one of: ${shape.channels.join(', ')}.`];
  }
  const extra: Record<string, string | undefined> = {};
  for (const field of shape.required) extra[field] = requireString(params, field, errors);
  for (const field of shape.optional ?? []) extra[field] = optionalString(params, field, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      merchantOrderId: merchantOrderId as string,
      amount: amount as number,
      channel: channel as string,
      timestamp: timestamp as string,
      note,
      mid,
      productName,
      extra,
    },
  };
}

/** `offset` / `limit` of the paginated finance reports (ksher.md §4.6): both required, limit ≤ 50. */
export function validatePage(
  params: Record<string, unknown>,
): Validated<{ offset: number; limit: number }> {
  const errors: Record<string, string[]> = {};
  const offsetRaw = params.offset;
  const limitRaw = params.limit;
  const offset = readInteger(offsetRaw);
  const limit = readInteger(limitRaw);
  if (offsetRaw === undefined || offsetRaw === null) errors.offset = [MISSING];
  else if (offset === undefined) errors.offset = ['Not a valid integer.'];
  else if (offset < 0) errors.offset = ['Must be greater than or equal to 0.'];
  if (limitRaw === undefined || limitRaw === null) errors.limit = [MISSING];
  else if (limit === undefined) errors.limit = ['Not a valid integer.'];
  else if (limit < 1 || limit > 50)
    errors.limit = ['Must be greater than or equal to 1 and less than or equal to 50.'];
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { offset: offset as number, limit: limit as number } };
}

/** Required string fields of a finance call (`mid`, `channel`, `reference_id`, `timestamp`). */
export function validateRequiredStrings(
  params: Record<string, unknown>,
  fields: readonly string[],
): Validated<Record<string, string>> {
  const errors: Record<string, string[]> = {};
  const value: Record<string, string> = {};
  for (const field of fields) {
    const text = requireString(params, field, errors);
    if (text !== undefined) value[field] = text;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}
