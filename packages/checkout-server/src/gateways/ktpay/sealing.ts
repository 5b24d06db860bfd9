import sodium from 'libsodium-wrappers';

/**
 * Ktpay request sealing (ktpay.md §3): `crypto_box_seal` of the UTF-8 JSON to the merchant's
 * `app_key` (Ktpay's X25519 public key), sent as standard base64 with padding. libsodium-wrappers
 * defaults to URL-safe base64 without padding, which the widget API does not take, so every
 * conversion here names the ORIGINAL variant.
 */

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_SAFE_CHARS = /[-_]/;

export class KtpaySealingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KtpaySealingError';
  }
}

let ready: Promise<typeof sodium> | undefined;

/** libsodium's WASM must be initialised before first use (§10). */
function loadSodium(): Promise<typeof sodium> {
  ready ??= sodium.ready.then(() => sodium);
  return ready;
}

/**
 * Decodes standard base64 with padding, refusing the URL-safe alphabet and unpadded text with an
 * error that says so: a key copied from the 2019 doc sample's default encoding would otherwise
 * fail later with an opaque libsodium message.
 */
export function decodeKtpayBase64(text: string, what: string, bytes?: number): Uint8Array {
  const trimmed = text.trim();
  if (URL_SAFE_CHARS.test(trimmed)) {
    throw new KtpaySealingError(
      `${what} uses the URL-safe base64 alphabet (- or _); Ktpay uses standard base64 with + / and = padding`,
    );
  }
  if (!STANDARD_BASE64.test(trimmed) || trimmed === '') {
    throw new KtpaySealingError(`${what} is not standard base64 with padding`);
  }
  const decoded = new Uint8Array(Buffer.from(trimmed, 'base64'));
  if (bytes !== undefined && decoded.length !== bytes) {
    throw new KtpaySealingError(`${what} must decode to ${bytes} bytes, got ${decoded.length}`);
  }
  return decoded;
}

/** Seals `payload` (as JSON) to `appKey`; returns the raw request body. */
export async function sealKtpay(payload: unknown, appKey: string): Promise<string> {
  const lib = await loadSodium();
  const key = decodeKtpayBase64(appKey, 'app_key', lib.crypto_box_PUBLICKEYBYTES);
  const json = JSON.stringify(payload);
  if (json === undefined) throw new KtpaySealingError('The payload cannot be written as JSON');
  const sealed = lib.crypto_box_seal(new TextEncoder().encode(json), key);
  return lib.to_base64(sealed, lib.base64_variants.ORIGINAL);
}

/**
 * Opens a sealed body with the recipient's keypair (both standard base64) and parses the JSON.
 * Throws KtpaySealingError for a bad encoding, wrong keys, a tampered or truncated body, or
 * text that is not JSON.
 */
export async function openKtpay(
  body: string,
  publicKey: string,
  secretKey: string,
): Promise<unknown> {
  const lib = await loadSodium();
  const pk = decodeKtpayBase64(publicKey, 'public key', lib.crypto_box_PUBLICKEYBYTES);
  const sk = decodeKtpayBase64(secretKey, 'secret key', lib.crypto_box_SECRETKEYBYTES);
  const ciphertext = decodeKtpayBase64(body, 'body');
  if (ciphertext.length < lib.crypto_box_SEALBYTES) {
    throw new KtpaySealingError('The body is too short to be a sealed box');
  }
  let opened: Uint8Array;
  try {
    opened = lib.crypto_box_seal_open(ciphertext, pk, sk);
  } catch {
    throw new KtpaySealingError('The body could not be opened: wrong keys or a tampered body');
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(opened)) as unknown;
  } catch {
    throw new KtpaySealingError('The opened body is not JSON');
  }
}

/** A new X25519 keypair in the format Ktpay hands out (44-character standard base64 each). */
export async function createKtpayKeyPair(): Promise<{ publicKey: string; secretKey: string }> {
  const lib = await loadSodium();
  const pair = lib.crypto_box_keypair();
  return {
    publicKey: lib.to_base64(pair.publicKey, lib.base64_variants.ORIGINAL),
    secretKey: lib.to_base64(pair.privateKey, lib.base64_variants.ORIGINAL),
  };
}
