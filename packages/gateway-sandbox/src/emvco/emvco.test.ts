import { describe, expect, it } from 'vitest';
import {
  buildEmvPayload,
  crc16Ccitt,
  encodeEmvFields,
  hasValidEmvCrc,
  parseEmvFields,
} from './emvco.ts';

describe('EMVCo TLV and CRC', () => {
  it('computes CRC16-CCITT (FALSE) with the standard check value', () => {
    // The catalogued check value of CRC-16/CCITT-FALSE for "123456789".
    expect(crc16Ccitt('123456789')).toBe('29B1');
  });

  it('matches a published PromptPay payload', () => {
    // PromptPay to mobile 0899999999, no amount: the CRC vector of the PHP PromptPay library's tests.
    const payload = buildEmvPayload([
      ['00', '01'],
      ['01', '11'],
      [
        '29',
        [
          ['00', 'A000000677010111'],
          ['01', '0066899999999'],
        ],
      ],
      ['58', 'TH'],
      ['53', '764'],
    ]);
    expect(payload).toBe(
      '00020101021129370016A000000677010111011300668999999995802TH53037646304FE29',
    );
    expect(hasValidEmvCrc(payload)).toBe(true);
  });

  it('nests templates and parses them back', () => {
    const encoded = encodeEmvFields([
      ['26', [['00', 'abc']]],
      ['54', '100.00'],
    ]);
    expect(encoded).toBe('26070003abc5406100.00');
    const fields = parseEmvFields(encoded);
    expect(fields.get('54')).toBe('100.00');
    expect(parseEmvFields(fields.get('26') as string).get('00')).toBe('abc');
  });

  it('rejects bad tags, empty or long values, malformed input and a tampered CRC', () => {
    expect(() => encodeEmvFields([['1', 'x']])).toThrow(RangeError);
    expect(() => encodeEmvFields([['01', '']])).toThrow(RangeError);
    expect(() => encodeEmvFields([['01', 'x'.repeat(100)]])).toThrow(RangeError);
    expect(() => parseEmvFields('0105ab')).toThrow(SyntaxError);
    const payload = buildEmvPayload([
      ['00', '01'],
      ['58', 'TH'],
    ]);
    expect(hasValidEmvCrc(payload)).toBe(true);
    expect(hasValidEmvCrc(payload.replace('TH', 'KH'))).toBe(false);
  });
});
