import type { CheckoutLocalePack } from '../i18n/locale-pack.ts';
import type { CheckoutMessages } from '../i18n/messages.ts';

const messages: CheckoutMessages = {
  methodsLoading: 'កំពុងផ្ទុកវិធីបង់ប្រាក់…',
  methodsError: 'មិនអាចផ្ទុកវិធីបង់ប្រាក់បានទេ។',
  methodsEmpty: 'មិនមានវិធីបង់ប្រាក់សម្រាប់រូបិយប័ណ្ណ {currency} ទេ។',
  retry: 'សាកម្ដងទៀត',
  pickerLegend: 'វិធីបង់ប្រាក់',
  methodLimitRange: 'សម្រាប់ចំនួនទឹកប្រាក់ពី {min} ដល់ {max}',
  methodLimitMin: 'សម្រាប់ចំនួនទឹកប្រាក់ចាប់ពី {min}',
  methodLimitMax: 'សម្រាប់ចំនួនទឹកប្រាក់រហូតដល់ {max}',
  methodUnavailableForAmount: 'មិនអាចប្រើសម្រាប់ចំនួនទឹកប្រាក់នេះទេ',
  pay: 'បង់ប្រាក់',
  payAmount: 'បង់ប្រាក់ {amount}',
  chooseMethod: 'សូមជ្រើសរើសវិធីបង់ប្រាក់ ដើម្បីបន្ត។',
  creatingHeading: 'កំពុងចាប់ផ្ដើមការបង់ប្រាក់របស់អ្នក…',
  redirectingHeading: 'កំពុងបញ្ជូនទៅ {method}',
  redirectingBody: 'អ្នកកំពុងត្រូវបានបញ្ជូនទៅ {method} ដើម្បីបញ្ចប់ការបង់ប្រាក់។',
  continueToPayment: 'បន្តទៅការបង់ប្រាក់',
  embeddedFrameTitle: 'ទម្រង់បង់ប្រាក់ {method}',
  createErrorHeading: 'មិនអាចចាប់ផ្ដើមការបង់ប្រាក់បានទេ',
  errorNetwork: 'មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេបង់ប្រាក់បានទេ។ សូមពិនិត្យការតភ្ជាប់របស់អ្នក ហើយព្យាយាមម្ដងទៀត។',
  errorUnknown: 'មានបញ្ហាអ្វីមួយកើតឡើង។ សូមព្យាយាមម្ដងទៀត។',
  tryAgain: 'ព្យាយាមម្ដងទៀត',
  chooseAnotherMethod: 'ជ្រើសរើសវិធីបង់ប្រាក់ផ្សេងទៀត',
  returnLoading: 'កំពុងពិនិត្យការបង់ប្រាក់របស់អ្នក…',
  returnMissingSession: 'មិនមានការបង់ប្រាក់ដែលត្រូវបង្ហាញទេ។',
  returnError: 'យើងមិនអាចពិនិត្យការបង់ប្រាក់របស់អ្នកនៅពេលនេះបានទេ។',
  returnCancelUnsupported:
    'ការបង់ប្រាក់នេះមិនអាចលុបចោលពីទីនេះបានទេ។ ប្រសិនបើអ្នកមិនបានបង់ វានឹងបញ្ចប់ដោយខ្លួនឯង នៅពេលអស់ពេលបង់ប្រាក់។',
  statusPendingHeading: 'កំពុងរង់ចាំការបញ្ជាក់ការបង់ប្រាក់…',
  statusPendingBody: 'ទំព័រនេះនឹងធ្វើបច្ចុប្បន្នភាពដោយខ្លួនឯង ភ្លាមៗនៅពេលការបង់ប្រាក់ត្រូវបានបញ្ជាក់។',
  statusProcessingBody: 'ការបង់ប្រាក់កំពុងដំណើរការ។ ទំព័រនេះនឹងធ្វើបច្ចុប្បន្នភាពដោយខ្លួនឯង។',
  statusSucceededHeading: 'បានទទួលការបង់ប្រាក់',
  statusSucceededBody: 'សូមអរគុណ! យើងបានទទួលការបង់ប្រាក់ចំនួន {amount} របស់អ្នកហើយ។',
  statusFailedHeading: 'ការបង់ប្រាក់បរាជ័យ',
  statusFailedBody: 'ការបង់ប្រាក់មិនបានបញ្ចប់ទេ។ អ្នកមិនត្រូវបានគិតប្រាក់ទេ។',
  statusCancelledHeading: 'ការបង់ប្រាក់ត្រូវបានបោះបង់',
  statusCancelledBody: 'ការបង់ប្រាក់ត្រូវបានបោះបង់។ អ្នកមិនត្រូវបានគិតប្រាក់ទេ។',
  statusExpiredHeading: 'ការបង់ប្រាក់បានផុតកំណត់',
  statusExpiredBody: 'ពេលវេលាសម្រាប់បង់ប្រាក់បានអស់ហើយ។ អ្នកមិនត្រូវបានគិតប្រាក់ទេ។',
  statusRefundedHeading: 'ការបង់ប្រាក់ត្រូវបានសងវិញ',
  statusRefundedBody: 'ការបង់ប្រាក់ចំនួន {amount} របស់អ្នកត្រូវបានសងវិញហើយ។',
  statusPartiallyRefundedHeading: 'ការបង់ប្រាក់ត្រូវបានសងវិញមួយផ្នែក',
  statusPartiallyRefundedBody: 'ផ្នែកមួយនៃការបង់ប្រាក់របស់អ្នកត្រូវបានសងវិញហើយ។',
  qrHeading: 'ស្កេនដើម្បីបង់ប្រាក់',
  qrInstruction: 'ស្កេនដោយកម្មវិធីធនាគារ ឬកម្មវិធីកាបូបអេឡិចត្រូនិករបស់អ្នក',
  qrAmountLabel: 'ចំនួនទឹកប្រាក់',
  qrMerchantLabel: 'បង់ទៅ',
  qrImageLabel: 'កូដ QR សម្រាប់បង់ប្រាក់ {amount}',
  qrUnavailable: 'មិនអាចបង្ហាញកូដ QR បានទេ។ សូមយកកូដថ្មី ឬជ្រើសរើសវិធីបង់ប្រាក់ផ្សេង។',
  qrTimeLeftLabel: 'ផុតកំណត់ក្នុងរយៈពេល',
  qrTimeLeftAnnouncement: 'នៅសល់ {time} ដើម្បីបង់ប្រាក់',
  qrExpiredHeading: 'កូដ QR បានផុតកំណត់',
  qrExpiredBody: 'កូដ QR នេះមិនអាចប្រើបង់ប្រាក់បានទៀតទេ។ អ្នកមិនត្រូវបានគិតប្រាក់ទេ។',
  qrNewCode: 'កូដ QR ថ្មី',
  qrNewCodeLoading: 'កំពុងយកកូដ QR ថ្មី…',
  qrOpenApp: 'បើកកម្មវិធី',
  qrSaveImage: 'រក្សាទុករូបភាព QR',
};

// Method names by method id; a method not listed keeps the server's label.
const methodLabels: Readonly<Record<string, string>> = {
  'ksher.promptpay': 'PromptPay',
  'ksher.truemoney': 'TrueMoney',
  'ksher.airpay': 'ShopeePay',
  'ksher.card': 'កាតឥណទាន ឬឥណពន្ធ',
  'kesspay.khqr': 'KHQR',
  'kesspay.dynamicbank': 'កម្មវិធីធនាគារ (KHQR)',
  'kesspay.webpay': 'KessPay (កាត, KHQR, កម្មវិធីធនាគារ)',
  'ktpay.card': 'កាតឥណទាន ឬឥណពន្ធ (Ktpay)',
};

/**
 * Khmer. Opt in with `locales={[km]}`; import it from
 * `@localpay/checkout-react/locales/km` so shops that do not need it never download it.
 */
export const km: CheckoutLocalePack = { locale: 'km', messages, methodLabels };
