import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS typed as an ES default export; under NodeNext the default import is the module.
type JsQr = typeof jsQRModule.default;
const jsQR: JsQr =
  (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

/** Decodes the QR code in RGBA pixels; undefined when none is found. */
export function decodeQrPixels(
  pixels: Uint8ClampedArray,
  width: number,
  height: number,
): string | undefined {
  return jsQR(pixels, width, height, { inversionAttempts: 'attemptBoth' })?.data || undefined;
}

/**
 * Reads the payload out of a QR code PNG, given as bytes or a `data:image/png;base64,` URI. Ksher's
 * C-scan-B API returns only such an image (`reserved1`), while the browser gets a server-rendered SVG,
 * so the server recovers the payload once and re-encodes it.
 */
export function decodeQrPng(image: Uint8Array | string): string {
  const bytes =
    typeof image === 'string'
      ? Buffer.from(image.replace(/^data:image\/png;base64,/, ''), 'base64')
      : image;
  const png = PNG.sync.read(Buffer.from(bytes));
  const payload = decodeQrPixels(new Uint8ClampedArray(png.data), png.width, png.height);
  if (payload === undefined) throw new SyntaxError('No QR code found in the PNG image');
  return payload;
}
