import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQrPng } from './decode-qr-png.ts';

describe('decodeQrPng', () => {
  it('reads the payload from a PNG data URI and from bytes', async () => {
    const payload = '00020101021229370016A000000677010111011300668123456785802TH53037646304ABCD';
    const dataUri = await QRCode.toDataURL(payload, { type: 'image/png', margin: 4 });
    expect(decodeQrPng(dataUri)).toBe(payload);
    expect(decodeQrPng(await QRCode.toBuffer(payload))).toBe(payload);
  });

  it('fails clearly on an image without a QR code or on bytes that are not a PNG', async () => {
    const { PNG } = await import('pngjs');
    const blank = new PNG({ width: 40, height: 40 });
    blank.data.fill(255);
    expect(() => decodeQrPng(PNG.sync.write(blank))).toThrow('No QR code');
    expect(() => decodeQrPng('data:image/png;base64,bm90IGEgcG5n')).toThrow();
  });
});
