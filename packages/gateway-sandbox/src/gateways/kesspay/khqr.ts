import { minorToDecimalString } from '@localpay/checkout-core';
import { buildEmvPayload } from '../../emvco/index.ts';

export interface KhqrInput {
  /** Minor units: cents for USD, riel for KHR. */
  amount: number;
  currency: 'USD' | 'KHR';
  /** out_trade_no, as the bill number. */
  billNumber: string;
  merchantName: string;
  /** Bakong account id, `name@bank`. */
  bakongAccountId: string;
  merchantId: string;
  acquiringBank: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * A dynamic KHQR (the EMVCo merchant-presented profile of NBC's Bakong). What the real gateway puts
 * in it is not in the KessPay spec; this follows the public KHQR layout, INFERRED field by field:
 * 00 format "01", 01 "12" (dynamic), 30 merchant account (00 Bakong id, 01 merchant id, 02
 * acquiring bank), 52 MCC 5999, 53 currency "840" USD / "116" KHR, 54 amount (2 decimals for USD,
 * whole riel), 58 "KH", 59 name (≤25), 60 city (≤15), 62-01 bill number = out_trade_no, 99
 * timestamps (00 created, 01 expires, epoch ms), 63 CRC16.
 */
export function buildKhqrPayload(input: KhqrInput): string {
  return buildEmvPayload([
    ['00', '01'],
    ['01', '12'],
    [
      '30',
      [
        ['00', input.bakongAccountId.slice(0, 32)],
        ['01', input.merchantId.slice(0, 32)],
        ['02', input.acquiringBank.slice(0, 32)],
      ],
    ],
    ['52', '5999'],
    ['53', input.currency === 'USD' ? '840' : '116'],
    ['54', minorToDecimalString(input.amount, input.currency)],
    ['58', 'KH'],
    ['59', input.merchantName.slice(0, 25) || 'Merchant'],
    ['60', 'Phnom Penh'],
    // KHQR caps the bill number at 25 characters; EMVCo allows more, so it is kept whole.
    ['62', [['01', input.billNumber]]],
    [
      '99',
      [
        ['00', String(input.createdAt.getTime())],
        ['01', String(input.expiresAt.getTime())],
      ],
    ],
  ]);
}
