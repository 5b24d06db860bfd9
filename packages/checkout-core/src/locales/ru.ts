import type { CheckoutLocalePack } from '../i18n/locale-pack.ts';
import type { CheckoutMessages } from '../i18n/messages.ts';

const messages: CheckoutMessages = {
  methodsLoading: 'Загружаем способы оплаты…',
  methodsError: 'Не удалось загрузить способы оплаты.',
  methodsEmpty: 'Нет доступных способов оплаты в валюте {currency}.',
  retry: 'Повторить',
  pickerLegend: 'Способ оплаты',
  methodLimitRange: 'Для сумм от {min} до {max}',
  methodLimitMin: 'Для сумм от {min}',
  methodLimitMax: 'Для сумм до {max}',
  methodUnavailableForAmount: 'Недоступно для этой суммы',
  pay: 'Оплатить',
  payAmount: 'Оплатить {amount}',
  chooseMethod: 'Выберите способ оплаты, чтобы продолжить.',
  creatingHeading: 'Начинаем оплату…',
  redirectingHeading: 'Переходим в {method}',
  redirectingBody: 'Сейчас вы перейдёте в {method}, чтобы завершить оплату.',
  continueToPayment: 'Перейти к оплате',
  embeddedFrameTitle: 'Форма оплаты {method}',
  createErrorHeading: 'Не удалось начать оплату',
  errorNetwork:
    'Не удалось связаться с платёжным сервером. Проверьте подключение и попробуйте ещё раз.',
  errorUnknown: 'Что-то пошло не так. Попробуйте ещё раз.',
  tryAgain: 'Попробовать ещё раз',
  chooseAnotherMethod: 'Выбрать другой способ оплаты',
  returnLoading: 'Проверяем оплату…',
  returnMissingSession: 'Нет оплаты, которую можно показать.',
  returnError: 'Сейчас не удаётся проверить оплату.',
  returnCancelUnsupported:
    'Этот платёж нельзя отменить отсюда. Если вы не платили, он завершится сам, когда истечёт время на оплату.',
  statusPendingHeading: 'Ожидаем подтверждения оплаты…',
  statusPendingBody: 'Страница обновится сама, как только оплата будет подтверждена.',
  statusProcessingBody: 'Оплата обрабатывается. Страница обновится сама.',
  statusSucceededHeading: 'Оплата получена',
  statusSucceededBody: 'Спасибо! Ваша оплата на сумму {amount} получена.',
  statusFailedHeading: 'Оплата не прошла',
  statusFailedBody: 'Оплата не была завершена. Деньги не списаны.',
  statusCancelledHeading: 'Оплата отменена',
  statusCancelledBody: 'Оплата была отменена. Деньги не списаны.',
  statusExpiredHeading: 'Время оплаты истекло',
  statusExpiredBody: 'Время на оплату закончилось. Деньги не списаны.',
  statusRefundedHeading: 'Оплата возвращена',
  statusRefundedBody: 'Ваша оплата на сумму {amount} возвращена.',
  statusPartiallyRefundedHeading: 'Оплата возвращена частично',
  statusPartiallyRefundedBody: 'Часть вашей оплаты возвращена.',
  qrHeading: 'Отсканируйте, чтобы оплатить',
  qrInstruction: 'Отсканируйте в приложении банка или электронного кошелька',
  qrAmountLabel: 'Сумма',
  qrMerchantLabel: 'Получатель',
  qrImageLabel: 'QR-код для оплаты {amount}',
  qrUnavailable: 'Не удалось показать QR-код. Получите новый или выберите другой способ оплаты.',
  qrTimeLeftLabel: 'Действует ещё',
  qrTimeLeftAnnouncement: 'На оплату осталось {time}',
  qrExpiredHeading: 'Срок действия QR-кода истёк',
  qrExpiredBody: 'Этим QR-кодом больше нельзя оплатить. Деньги не списаны.',
  qrNewCode: 'Новый QR-код',
  qrNewCodeLoading: 'Получаем новый QR-код…',
  qrOpenApp: 'Открыть приложение',
  qrSaveImage: 'Сохранить QR-код',
};

// Method names by method id; a method not listed keeps the server's label.
const methodLabels: Readonly<Record<string, string>> = {
  'ksher.promptpay': 'PromptPay',
  'ksher.truemoney': 'TrueMoney',
  'ksher.airpay': 'ShopeePay',
  'ksher.card': 'Банковская карта',
  'kesspay.khqr': 'KHQR',
  'kesspay.dynamicbank': 'Банковское приложение (KHQR)',
  'kesspay.webpay': 'KessPay (карта, KHQR, банковские приложения)',
  'ktpay.card': 'Банковская карта (Ktpay)',
};

/**
 * Russian. Opt in with `locales={[ru]}`; import it from
 * `@localpay/checkout-react/locales/ru` so shops that do not need it never download it.
 */
export const ru: CheckoutLocalePack = { locale: 'ru', messages, methodLabels };
