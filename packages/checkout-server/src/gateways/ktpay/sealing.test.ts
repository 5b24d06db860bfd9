import sodium from 'libsodium-wrappers';
// An independent, pure-JS sealed box (TweetNaCl + BLAKE2b), to check the wire format both ways.
import * as tweetnaclSealedbox from 'tweetnacl-sealedbox-js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createKtpayKeyPair,
  decodeKtpayBase64,
  KtpaySealingError,
  openKtpay,
  sealKtpay,
} from './sealing.ts';

// ktpay.md §2: the documented example key and the SDK's old test key (with + and /).
const DOC_APP_KEY = 'h09acJ8QSLPw40XZxdNfLbq4hXzWInC5zXL319RdXUI=';
const SDK_TEST_KEY = 'gBvdrvZhiMg12sICet9l82Mtn1XNVn/ekdJhx61U+VA=';

const order = {
  order: {
    amount: 1000,
    order_id: 'Order1',
    description: 'Тестовая оплата за Order1',
    callback_post_url: 'https://site.com/callback_post_url',
    type: 'ecom',
  },
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  await sodium.ready;
});

describe('sealKtpay / openKtpay', () => {
  it('round trips the order JSON with standard padded base64 and 48 bytes of overhead', async () => {
    const keys = await createKtpayKeyPair();
    expect(keys.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const body = await sealKtpay(order, keys.publicKey);
    expect(body).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const json = JSON.stringify(order);
    expect(Buffer.from(body, 'base64').length).toBe(Buffer.byteLength(json) + 48);
    expect(await openKtpay(body, keys.publicKey, keys.secretKey)).toEqual(order);
  });

  it('seals to the documented keys (nobody but Ktpay can open them)', async () => {
    for (const key of [DOC_APP_KEY, SDK_TEST_KEY]) {
      const body = await sealKtpay(order, key);
      expect(Buffer.from(body, 'base64').length).toBe(
        Buffer.byteLength(JSON.stringify(order)) + 48,
      );
    }
  });

  it('interoperates with tweetnacl-sealedbox-js, an independent implementation, both ways', async () => {
    const keys = await createKtpayKeyPair();
    const pk = decodeKtpayBase64(keys.publicKey, 'pk', 32);
    const sk = decodeKtpayBase64(keys.secretKey, 'sk', 32);
    const theirs = tweetnaclSealedbox.seal(new TextEncoder().encode(JSON.stringify(order)), pk);
    expect(theirs.length).toBe(
      Buffer.byteLength(JSON.stringify(order)) + tweetnaclSealedbox.overheadLength,
    );
    expect(await openKtpay(b64(theirs), keys.publicKey, keys.secretKey)).toEqual(order);
    const ours = Buffer.from(await sealKtpay(order, keys.publicKey), 'base64');
    const opened = tweetnaclSealedbox.open(new Uint8Array(ours), pk, sk);
    expect(opened).not.toBeNull();
    expect(JSON.parse(new TextDecoder().decode(opened as Uint8Array))).toEqual(order);
    // And it refuses ours under the wrong secret key, as libsodium does.
    const other = decodeKtpayBase64((await createKtpayKeyPair()).secretKey, 'sk', 32);
    expect(tweetnaclSealedbox.open(new Uint8Array(ours), pk, other)).toBeNull();
  });

  it('refuses a URL-safe or unpadded app_key with a clear error', async () => {
    const urlSafe = SDK_TEST_KEY.replaceAll('+', '-').replaceAll('/', '_');
    await expect(sealKtpay(order, urlSafe)).rejects.toThrow(/URL-safe base64 alphabet/);
    await expect(sealKtpay(order, DOC_APP_KEY.replace(/=$/, ''))).rejects.toThrow(
      /not standard base64 with padding/,
    );
    await expect(sealKtpay(order, Buffer.alloc(16).toString('base64'))).rejects.toThrow(/32 bytes/);
  });

  it('refuses a URL-safe body, as libsodium-wrappers would emit by default', async () => {
    const keys = await createKtpayKeyPair();
    const sealed = sodium.crypto_box_seal(
      JSON.stringify(order),
      decodeKtpayBase64(keys.publicKey, 'pk'),
    );
    const urlSafe = sodium.to_base64(sealed); // URLSAFE_NO_PADDING
    const opening = openKtpay(urlSafe, keys.publicKey, keys.secretKey);
    await expect(opening).rejects.toBeInstanceOf(KtpaySealingError);
    // Unpadded (no `=`) and often with `-`/`_`: both are named.
    await expect(opening).rejects.toThrow(/URL-safe|not standard base64/);
  });

  it('refuses wrong keys, a tampered body, a short body and non-JSON contents', async () => {
    const keys = await createKtpayKeyPair();
    const other = await createKtpayKeyPair();
    const body = await sealKtpay(order, keys.publicKey);
    await expect(openKtpay(body, other.publicKey, other.secretKey)).rejects.toThrow(
      /wrong keys or a tampered body/,
    );
    const bytes = Buffer.from(body, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    await expect(
      openKtpay(bytes.toString('base64'), keys.publicKey, keys.secretKey),
    ).rejects.toThrow(/wrong keys or a tampered body/);
    await expect(
      openKtpay(Buffer.alloc(40).toString('base64'), keys.publicKey, keys.secretKey),
    ).rejects.toThrow(/too short/);
    const notJson = sodium.crypto_box_seal('not json', decodeKtpayBase64(keys.publicKey, 'pk'));
    await expect(openKtpay(b64(notJson), keys.publicKey, keys.secretKey)).rejects.toThrow(
      /not JSON/,
    );
  });
});
