export {
  type CheckoutFlowActions,
  type CheckoutFlowData,
  type CheckoutFlowOptions,
  type CheckoutFlowState,
  type CheckoutFlowStore,
  type CheckoutStep,
  createCheckoutFlowStore,
  type PaymentRequest,
} from './checkout-flow.ts';
export {
  CheckoutApiError,
  type CheckoutClient,
  type CheckoutClientErrorCode,
  type CheckoutClientOptions,
  type CreateSessionOptions,
  createCheckoutClient,
  type RequestOptions,
  toCheckoutApiError,
} from './client.ts';
export type {
  ApiErrorBody,
  CartItemInput,
  CheckoutSession,
  CreateSessionRequest,
  CurrencyCode,
  ErrorCode,
  IframeNextAction,
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
export { formatMessage, type MessageVars } from './i18n/format-message.ts';
export {
  CHECKOUT_LOCALES,
  type CheckoutLocale,
  type CheckoutLocalePack,
  localeLanguage,
  localePackFor,
} from './i18n/locale-pack.ts';
export type { CheckoutMessageKey, CheckoutMessages } from './i18n/messages.ts';
export {
  type CheckoutTranslation,
  type CheckoutTranslations,
  type LocaleText,
  localeText,
} from './i18n/translations.ts';
export { createIdempotencyKey } from './idempotency-key.ts';
export { en } from './locales/en.ts';
export {
  currencyExponent,
  decimalStringToMinor,
  formatMoney,
  minorToDecimalString,
} from './money.ts';
export {
  fixedPollSchedule,
  type PollSchedule,
  type SteppedPollScheduleOptions,
  steppedPollSchedule,
} from './poll-schedule.ts';
export {
  qrAnnouncementDue,
  qrAnnouncementIntervalMs,
  qrAnnouncementMark,
} from './qr-announcements.ts';
export {
  describeRemainingTime,
  formatCountdown,
  msUntilNextSecond,
  QR_POLL_TIMING,
  qrExpiryMs,
  qrPollSchedule,
  qrRemainingMs,
} from './qr-countdown.ts';
export { applySessionUpdate, isFullSession, type SessionUpdate } from './session-update.ts';
export {
  type EventSourceConstructor,
  type EventSourceLike,
  type WatchSessionOptions,
  watchSession,
} from './session-watcher.ts';
export { canTransition, FINAL_STATUSES, isFinalStatus } from './status.ts';
export {
  type FieldError,
  type ParseResult,
  parseCreateSessionRequest,
} from './validate.ts';
