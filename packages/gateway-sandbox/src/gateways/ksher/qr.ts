import { minorToDecimalString } from '@localpay/checkout-core';
import QRCode from 'qrcode';
import { buildEmvPayload, type EmvField } from '../../emvco/emvco.ts';

/** Channels of the C scan B API (ksher.md §4.2, §8). */
export const ksherCscanbChannels = ['promptpay', 'truemoney', 'airpay', 'alipay', 'wechat'];

/** PromptPay bill payment (tag 30) AID; tag 29 (credit transfer) uses ...0111. */
export const PROMPTPAY_BILL_PAYMENT_AID = 'A000000677010112';
/**
 * Sandbox biller id: 13-digit tax id + 2-digit suffix, as PromptPay billers have. No real biller
 * uses an all-9 tax id, so a real banking app cannot pay this QR by accident.
 */
export const SANDBOX_BILLER_ID = '099999999999901';
/** Reverse-domain id of the merchant account template in sandbox wallet QRs. */
export const SANDBOX_WALLET_GUID = 'net.localpay.sandbox.ksher';

export interface KsherQrInput {
  channel: string;
  /** THB minor units. */
  amount: number;
  merchantName: string;
  merchantOrderId: string;
  /** KsherPay-side order number (digits): PromptPay reference 1 and the fallback label. */
  ksherOrderNumber: string;
}

/** EMV text fields are limited to printable ASCII; names are cut to their 25-character limit. */
function emvText(text: string, max: number, fallback: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '').trim();
  return (ascii || fallback).slice(0, max);
}

/**
 * Reference label (tag 62 sub-tag 05, 25 characters at most): the merchant order id when it fits,
 * otherwise the KsherPay order number (the QR still maps to exactly one order by its payload).
 */
function referenceLabel(input: KsherQrInput): string {
  return /^[\x20-\x7e]{1,25}$/.test(input.merchantOrderId)
    ? input.merchantOrderId
    : input.ksherOrderNumber.slice(-25);
}

/**
 * EMVCo merchant-presented, dynamic (01 = "12") payload for a C scan B order. PromptPay gets the Thai
 * bill-payment profile (tag 30, AID A000000677010112, biller id, reference 1 = KsherPay order
 * number). Wallet channels get a generic EMVCo payload with a sandbox template in tag 26 and the
 * channel name: real Alipay/WeChat/TrueMoney/ShopeePay QRs differ (often a wallet URL), but an
 * EMVCo payload lets the same decoder and CRC check serve every channel in tests.
 */
export function buildKsherQrPayload(input: KsherQrInput): string {
  const account: EmvField =
    input.channel === 'promptpay'
      ? [
          '30',
          [
            ['00', PROMPTPAY_BILL_PAYMENT_AID],
            ['01', SANDBOX_BILLER_ID],
            ['02', input.ksherOrderNumber.slice(-20)],
          ],
        ]
      : [
          '26',
          [
            ['00', SANDBOX_WALLET_GUID],
            ['01', input.channel.toUpperCase()],
            ['02', input.ksherOrderNumber.slice(-20)],
          ],
        ];
  return buildEmvPayload([
    ['00', '01'],
    ['01', '12'],
    account,
    ['52', '5999'],
    ['53', '764'],
    ['54', minorToDecimalString(input.amount, 'THB')],
    ['58', 'TH'],
    ['59', emvText(input.merchantName, 25, 'Sandbox merchant')],
    ['60', 'BANGKOK'],
    ['62', [['05', referenceLabel(input)]]],
  ]);
}

/** The `reserved1` value of a C scan B order: a PNG data URI of the QR code, as the gateway sends. */
export function qrPngDataUri(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { type: 'image/png', errorCorrectionLevel: 'M', margin: 4 });
}
