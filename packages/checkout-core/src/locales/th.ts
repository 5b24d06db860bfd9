import type { CheckoutLocalePack } from '../i18n/locale-pack.ts';
import type { CheckoutMessages } from '../i18n/messages.ts';

const messages: CheckoutMessages = {
  methodsLoading: 'กำลังโหลดช่องทางการชำระเงิน…',
  methodsError: 'ไม่สามารถโหลดช่องทางการชำระเงินได้',
  methodsEmpty: 'ไม่มีช่องทางการชำระเงินสำหรับสกุลเงิน {currency}',
  retry: 'ลองใหม่',
  pickerLegend: 'ช่องทางการชำระเงิน',
  methodLimitRange: 'สำหรับยอดตั้งแต่ {min} ถึง {max}',
  methodLimitMin: 'สำหรับยอดตั้งแต่ {min} ขึ้นไป',
  methodLimitMax: 'สำหรับยอดไม่เกิน {max}',
  methodUnavailableForAmount: 'ใช้กับยอดนี้ไม่ได้',
  pay: 'ชำระเงิน',
  payAmount: 'ชำระเงิน {amount}',
  chooseMethod: 'โปรดเลือกช่องทางการชำระเงินเพื่อดำเนินการต่อ',
  creatingHeading: 'กำลังเริ่มการชำระเงิน…',
  redirectingHeading: 'กำลังไปที่ {method}',
  redirectingBody: 'ระบบกำลังพาคุณไปที่ {method} เพื่อชำระเงินให้เสร็จสิ้น',
  continueToPayment: 'ไปที่หน้าชำระเงิน',
  embeddedFrameTitle: 'แบบฟอร์มชำระเงิน {method}',
  createErrorHeading: 'ไม่สามารถเริ่มการชำระเงินได้',
  errorNetwork: 'ไม่สามารถเชื่อมต่อกับเซิร์ฟเวอร์การชำระเงินได้ โปรดตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง',
  errorUnknown: 'เกิดข้อผิดพลาดบางอย่าง โปรดลองอีกครั้ง',
  tryAgain: 'ลองอีกครั้ง',
  chooseAnotherMethod: 'เลือกช่องทางการชำระเงินอื่น',
  returnLoading: 'กำลังตรวจสอบการชำระเงินของคุณ…',
  returnMissingSession: 'ไม่มีรายการชำระเงินที่จะแสดง',
  returnError: 'ขณะนี้ไม่สามารถตรวจสอบการชำระเงินของคุณได้',
  returnCancelUnsupported:
    'ไม่สามารถยกเลิกการชำระเงินนี้จากที่นี่ได้ หากคุณไม่ได้ชำระ รายการจะสิ้นสุดเองเมื่อหมดเวลาชำระเงิน',
  statusPendingHeading: 'กำลังรอการยืนยันการชำระเงิน…',
  statusPendingBody: 'หน้านี้จะอัปเดตเองทันทีที่การชำระเงินได้รับการยืนยัน',
  statusProcessingBody: 'กำลังดำเนินการชำระเงิน หน้านี้จะอัปเดตเอง',
  statusSucceededHeading: 'ได้รับการชำระเงินแล้ว',
  statusSucceededBody: 'ขอบคุณ! เราได้รับการชำระเงินจำนวน {amount} ของคุณแล้ว',
  statusFailedHeading: 'การชำระเงินไม่สำเร็จ',
  statusFailedBody: 'การชำระเงินไม่เสร็จสมบูรณ์ และยังไม่มีการเรียกเก็บเงินจากคุณ',
  statusCancelledHeading: 'ยกเลิกการชำระเงินแล้ว',
  statusCancelledBody: 'การชำระเงินถูกยกเลิก และยังไม่มีการเรียกเก็บเงินจากคุณ',
  statusExpiredHeading: 'การชำระเงินหมดเวลา',
  statusExpiredBody: 'หมดเวลาชำระเงินแล้ว และยังไม่มีการเรียกเก็บเงินจากคุณ',
  statusRefundedHeading: 'คืนเงินแล้ว',
  statusRefundedBody: 'เราได้คืนเงินจำนวน {amount} ให้คุณแล้ว',
  statusPartiallyRefundedHeading: 'คืนเงินบางส่วนแล้ว',
  statusPartiallyRefundedBody: 'เราได้คืนเงินบางส่วนของการชำระเงินนี้ให้คุณแล้ว',
  qrHeading: 'สแกนเพื่อชำระเงิน',
  qrInstruction: 'สแกนด้วยแอปธนาคารหรือแอปวอลเล็ตของคุณ',
  qrAmountLabel: 'ยอดชำระ',
  qrMerchantLabel: 'ชำระให้',
  qrImageLabel: 'คิวอาร์โค้ดสำหรับชำระเงิน {amount}',
  qrUnavailable: 'ไม่สามารถแสดงคิวอาร์โค้ดได้ โปรดขอโค้ดใหม่หรือเลือกช่องทางอื่น',
  qrTimeLeftLabel: 'หมดอายุใน',
  qrTimeLeftAnnouncement: 'เหลือเวลาชำระเงินอีก {time}',
  qrExpiredHeading: 'คิวอาร์โค้ดหมดอายุแล้ว',
  qrExpiredBody: 'คิวอาร์โค้ดนี้ใช้ชำระเงินไม่ได้แล้ว และยังไม่มีการเรียกเก็บเงินจากคุณ',
  qrNewCode: 'ขอคิวอาร์โค้ดใหม่',
  qrNewCodeLoading: 'กำลังสร้างคิวอาร์โค้ดใหม่…',
  qrOpenApp: 'เปิดแอป',
  qrSaveImage: 'บันทึกรูปคิวอาร์โค้ด',
};

// Method names by method id; a method not listed keeps the server's label.
const methodLabels: Readonly<Record<string, string>> = {
  'ksher.promptpay': 'พร้อมเพย์',
  'ksher.truemoney': 'ทรูมันนี่ วอลเล็ท',
  'ksher.airpay': 'ช้อปปี้เพย์',
  'ksher.card': 'บัตรเครดิต/เดบิต',
  'kesspay.khqr': 'KHQR',
  'kesspay.dynamicbank': 'แอปธนาคาร (KHQR)',
  'kesspay.webpay': 'KessPay (บัตร, KHQR, แอปธนาคาร)',
  'ktpay.card': 'บัตรเครดิต/เดบิต (Ktpay)',
};

/**
 * Thai. Opt in with `locales={[th]}`; import it from
 * `@localpay/checkout-react/locales/th` so shops that do not need it never download it.
 */
export const th: CheckoutLocalePack = { locale: 'th', messages, methodLabels };
