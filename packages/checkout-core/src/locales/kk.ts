import type { CheckoutLocalePack } from '../i18n/locale-pack.ts';
import type { CheckoutMessages } from '../i18n/messages.ts';

const messages: CheckoutMessages = {
  methodsLoading: 'Төлем тәсілдері жүктелуде…',
  methodsError: 'Төлем тәсілдерін жүктеу мүмкін болмады.',
  methodsEmpty: '{currency} валютасында қолжетімді төлем тәсілі жоқ.',
  retry: 'Қайталау',
  pickerLegend: 'Төлем тәсілі',
  methodLimitRange: '{min} бастап {max} дейінгі сомалар үшін',
  methodLimitMin: '{min} бастап сомалар үшін',
  methodLimitMax: '{max} дейінгі сомалар үшін',
  methodUnavailableForAmount: 'Бұл сома үшін қолжетімсіз',
  pay: 'Төлеу',
  payAmount: '{amount} төлеу',
  chooseMethod: 'Жалғастыру үшін төлем тәсілін таңдаңыз.',
  creatingHeading: 'Төлем басталуда…',
  redirectingHeading: '{method} бетіне өтудесіз',
  redirectingBody: 'Төлемді аяқтау үшін сіз {method} бетіне бағытталып жатырсыз.',
  continueToPayment: 'Төлемге өту',
  embeddedFrameTitle: '{method} төлем формасы',
  createErrorHeading: 'Төлемді бастау мүмкін болмады',
  errorNetwork:
    'Төлем серверіне қосылу мүмкін болмады. Интернет байланысын тексеріп, қайталап көріңіз.',
  errorUnknown: 'Бірдеңе дұрыс болмады. Қайталап көріңіз.',
  tryAgain: 'Қайталап көру',
  chooseAnotherMethod: 'Басқа төлем тәсілін таңдау',
  returnLoading: 'Төлеміңіз тексерілуде…',
  returnMissingSession: 'Көрсетілетін төлем жоқ.',
  returnError: 'Қазір төлеміңізді тексеру мүмкін болмады.',
  returnCancelUnsupported:
    'Бұл төлемді осы жерден болдырмау мүмкін емес. Егер төлемеген болсаңыз, төлем уақыты біткенде ол өздігінен аяқталады.',
  statusPendingHeading: 'Төлемнің расталуы күтілуде…',
  statusPendingBody: 'Төлем расталған бойда бұл бет өздігінен жаңарады.',
  statusProcessingBody: 'Төлем өңделуде. Бұл бет өздігінен жаңарады.',
  statusSucceededHeading: 'Төлем қабылданды',
  statusSucceededBody: 'Рақмет! {amount} сомасындағы төлеміңіз қабылданды.',
  statusFailedHeading: 'Төлем өтпеді',
  statusFailedBody: 'Төлем аяқталмады. Сізден ақша алынған жоқ.',
  statusCancelledHeading: 'Төлемнен бас тартылды',
  statusCancelledBody: 'Төлемнен бас тартылды. Сізден ақша алынған жоқ.',
  statusExpiredHeading: 'Төлем мерзімі өтті',
  statusExpiredBody: 'Төлеуге берілген уақыт бітті. Сізден ақша алынған жоқ.',
  statusRefundedHeading: 'Төлем қайтарылды',
  statusRefundedBody: '{amount} сомасындағы төлеміңіз қайтарылды.',
  statusPartiallyRefundedHeading: 'Төлем ішінара қайтарылды',
  statusPartiallyRefundedBody: 'Төлеміңіздің бір бөлігі қайтарылды.',
  qrHeading: 'Төлеу үшін сканерлеңіз',
  qrInstruction: 'Банк немесе әмиян қолданбасымен сканерлеңіз',
  qrAmountLabel: 'Сома',
  qrMerchantLabel: 'Алушы',
  qrImageLabel: '{amount} төлеуге арналған QR код',
  qrUnavailable:
    'QR кодты көрсету мүмкін болмады. Жаңа код алыңыз немесе басқа төлем тәсілін таңдаңыз.',
  qrTimeLeftLabel: 'Қалған уақыт',
  qrTimeLeftAnnouncement: 'Төлеуге {time} қалды',
  qrExpiredHeading: 'QR кодтың мерзімі өтті',
  qrExpiredBody: 'Бұл QR кодпен енді төлеу мүмкін емес. Сізден ақша алынған жоқ.',
  qrNewCode: 'Жаңа QR код',
  qrNewCodeLoading: 'Жаңа QR код алынуда…',
  qrOpenApp: 'Қолданбаны ашу',
  qrSaveImage: 'QR суретін сақтау',
};

// Method names by method id; a method not listed keeps the server's label.
const methodLabels: Readonly<Record<string, string>> = {
  'ksher.promptpay': 'PromptPay',
  'ksher.truemoney': 'TrueMoney',
  'ksher.airpay': 'ShopeePay',
  'ksher.card': 'Банк картасы',
  'kesspay.khqr': 'KHQR',
  'kesspay.dynamicbank': 'Банк қолданбасы (KHQR)',
  'kesspay.webpay': 'KessPay (карта, KHQR, банк қолданбалары)',
  'ktpay.card': 'Банк картасы (Ktpay)',
};

/**
 * Kazakh, in Cyrillic script. Opt in with `locales={[kk]}`; import it from
 * `@localpay/checkout-react/locales/kk` so shops that do not need it never download it.
 */
export const kk: CheckoutLocalePack = { locale: 'kk', messages, methodLabels };
