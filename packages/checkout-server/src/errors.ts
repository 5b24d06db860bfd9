import type { ErrorCode } from '@localpay/checkout-core';

/** An error the browser API answers with `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  toBody(): { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details !== undefined && { details: this.details }),
      },
    };
  }
}

/** 400 `invalid_request` with the offending fields in `details.fields`. */
export function invalidRequest(
  fields: Array<{ field: string; message: string }>,
  message = 'The request is invalid',
): ApiError {
  const summary = fields.map((f) => (f.field ? `${f.field} ${f.message}` : f.message)).join('; ');
  return new ApiError(400, 'invalid_request', summary ? `${message}: ${summary}` : message, {
    fields,
  });
}

/** Thrown at startup for a missing or malformed setting; the message names the variable/option. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Thrown by the merchant's `resolveCart` for a SKU it does not sell. */
export class UnknownSkuError extends Error {
  readonly sku: string;

  constructor(sku: string) {
    super(`Unknown SKU ${JSON.stringify(sku)}`);
    this.name = 'UnknownSkuError';
    this.sku = sku;
  }
}

/**
 * A failed gateway call. `unavailable`: network error, timeout or 5xx (the call may or may not
 * have taken effect). `rejected`: the gateway refused the request (4xx). `invalid_response`:
 * the answer could not be verified or parsed.
 */
export type GatewayErrorKind = 'unavailable' | 'rejected' | 'invalid_response';

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  readonly httpStatus: number | undefined;

  constructor(kind: GatewayErrorKind, message: string, httpStatus?: number) {
    super(message);
    this.name = 'GatewayError';
    this.kind = kind;
    this.httpStatus = httpStatus;
  }
}
