// Test-only reuse of the server's decoder (jsqr + pngjs) rather than a second copy: checkout-server
// does not export it, and the sandbox only needs it to check its own QR images.
export { decodeQrPng } from '../../checkout-server/src/qr/decode-qr-png.ts';
