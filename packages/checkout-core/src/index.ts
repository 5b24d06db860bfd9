export type {
  ApiErrorBody,
  CartItemInput,
  CheckoutSession,
  CreateSessionRequest,
  CurrencyCode,
  ErrorCode,
  MethodsResponse,
  Money,
  NextAction,
  PaymentFlow,
  PaymentMethod,
  ProviderId,
  QrNextAction,
  RedirectNextAction,
  SessionStatus,
  SessionStatusEvent,
} from './contract.ts';
export { IDEMPOTENCY_HEADER, RETURN_RESULT_PARAM, RETURN_SESSION_PARAM } from './contract.ts';
export { currencyExponent, formatMoney, minorToDecimalString } from './money.ts';
export { canTransition, FINAL_STATUSES, isFinalStatus } from './status.ts';
export {
  type FieldError,
  type ParseResult,
  parseCreateSessionRequest,
} from './validate.ts';
