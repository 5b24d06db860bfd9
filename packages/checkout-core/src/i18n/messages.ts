/**
 * Every string the checkout UI shows, keyed. `{name}` marks a placeholder filled by
 * `formatMessage`. One catalog per locale, one file each (`en.ts`, `th.ts`, `km.ts`, `kk.ts`, `ru.ts`).
 */
export interface CheckoutMessages {
  methodsLoading: string;
  methodsError: string;
  /** {currency} */
  methodsEmpty: string;
  retry: string;
  pickerLegend: string;
  /** {min} {max} */
  methodLimitRange: string;
  /** {min} */
  methodLimitMin: string;
  /** {max} */
  methodLimitMax: string;
  methodUnavailableForAmount: string;
  pay: string;
  /** {amount} */
  payAmount: string;
  chooseMethod: string;
  creatingHeading: string;
  /** {method} */
  redirectingHeading: string;
  /** {method} */
  redirectingBody: string;
  continueToPayment: string;
  /** {method}: the title of an embedded payment page (iframe). */
  embeddedFrameTitle: string;
  createErrorHeading: string;
  errorNetwork: string;
  errorUnknown: string;
  tryAgain: string;
  chooseAnotherMethod: string;
  returnLoading: string;
  returnMissingSession: string;
  returnError: string;
  /** The gateway cannot cancel from here (Ktpay): the session stays pending until it expires. */
  returnCancelUnsupported: string;
  statusPendingHeading: string;
  statusPendingBody: string;
  statusProcessingBody: string;
  statusSucceededHeading: string;
  /** {amount} */
  statusSucceededBody: string;
  statusFailedHeading: string;
  statusFailedBody: string;
  statusCancelledHeading: string;
  statusCancelledBody: string;
  statusExpiredHeading: string;
  statusExpiredBody: string;
  statusRefundedHeading: string;
  /** {amount} */
  statusRefundedBody: string;
  statusPartiallyRefundedHeading: string;
  statusPartiallyRefundedBody: string;
  /** QR payment (QrPayment). */
  qrHeading: string;
  qrInstruction: string;
  qrAmountLabel: string;
  qrMerchantLabel: string;
  /** {amount} */
  qrImageLabel: string;
  qrUnavailable: string;
  qrTimeLeftLabel: string;
  /** {time}: e.g. "4 minutes, 30 seconds" */
  qrTimeLeftAnnouncement: string;
  qrExpiredHeading: string;
  qrExpiredBody: string;
  qrNewCode: string;
  qrNewCodeLoading: string;
  qrOpenApp: string;
  qrSaveImage: string;
}

export type CheckoutMessageKey = keyof CheckoutMessages;
