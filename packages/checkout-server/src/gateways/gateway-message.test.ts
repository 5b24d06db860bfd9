import { describe, expect, it } from 'vitest';
import { parseJsonObject, sanitizeGatewayMessage } from './gateway-message.ts';

describe('sanitizeGatewayMessage', () => {
  it('strips markup and control characters and bounds the length', () => {
    expect(sanitizeGatewayMessage('<p>Bad\n\u0000thing</p>')).toBe('Bad thing');
    expect(sanitizeGatewayMessage('x'.repeat(500))).toHaveLength(200);
  });

  it('removes bidi overrides but keeps Thai, Khmer and Cyrillic text', () => {
    expect(sanitizeGatewayMessage('ok\u202Egnp.exe')).toBe('ok gnp.exe');
    expect(sanitizeGatewayMessage('คำสั่งซื้อไม่ถูกต้อง')).toBe('คำสั่งซื้อไม่ถูกต้อง');
    expect(sanitizeGatewayMessage('ការបញ្ជាទិញមិនត្រឹមត្រូវ')).toBe('ការបញ្ជាទិញមិនត្រឹមត្រូវ');
    expect(sanitizeGatewayMessage('Неверные данные')).toBe('Неверные данные');
  });
});

describe('parseJsonObject', () => {
  it('returns objects only', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonObject('[1]')).toBeUndefined();
    expect(parseJsonObject('<html>502</html>')).toBeUndefined();
    expect(parseJsonObject('null')).toBeUndefined();
  });
});
