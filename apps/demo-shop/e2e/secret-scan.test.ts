/**
 * No gateway secret reaches the browser: the production build (apps/demo-shop/dist, built by the
 * e2e global setup) and the pages and API answers of a checkout in every gateway. Every other
 * e2e file is scanned the same way by its fixture (demo-shop-e2e.ts) after its last test.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  KESSPAY_SANDBOX_CREDENTIALS,
  KSHER_SANDBOX_TOKEN,
  KTPAY_SANDBOX_CREDENTIALS,
} from '@localpay/gateway-sandbox';
import { describe, expect, it } from 'vitest';
import {
  findSecrets,
  findSecretsInFiles,
  listFiles,
  type NamedSecret,
  sandboxSecrets,
} from '../../../packages/checkout-server/tests/secret-scan.ts';
import type { DemoShop } from '../server/demo-shop.ts';
import { setupDemoShopE2e } from './demo-shop-e2e.ts';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const e2e = setupDemoShopE2e('secret-scan');

function secretsOf(shop: DemoShop): NamedSecret[] {
  const secrets: NamedSecret[] = [
    { name: 'Ksher sandbox token', value: KSHER_SANDBOX_TOKEN },
    { name: 'KessPay sandbox client secret', value: KESSPAY_SANDBOX_CREDENTIALS.clientSecret },
    { name: 'KessPay sandbox password', value: KESSPAY_SANDBOX_CREDENTIALS.password },
    { name: 'KessPay sandbox API secret key', value: KESSPAY_SANDBOX_CREDENTIALS.apiSecretKey },
    { name: 'Ktpay sandbox secret key', value: KTPAY_SANDBOX_CREDENTIALS.secretKey },
    ...(shop.sandbox ? sandboxSecrets(shop.sandbox) : []),
  ];
  // Whatever real credentials the build machine has: the build must not pick them up.
  for (const name of [
    'KSHER_API_TOKEN',
    'KESSPAY_CLIENT_SECRET',
    'KESSPAY_PASSWORD',
    'KESSPAY_API_SECRET_KEY',
    'KTPAY_APP_KEY',
    'KTPAY_CALLBACK_SECRET',
  ]) {
    const value = process.env[name];
    if (value) secrets.push({ name, value });
  }
  return secrets;
}

describe('secret scan of what the browser gets', () => {
  it('the production build holds no secret or key material', () => {
    const shop = e2e.shops.main as DemoShop;
    expect(listFiles(dist).some((file) => file.endsWith('.js'))).toBe(true);
    expect(findSecretsInFiles(dist, secretsOf(shop))).toEqual([]);
  });

  it('the storefront, the methods and a session in every gateway give no secret away', async () => {
    const shop = e2e.shops.main as DemoShop;
    const { page } = e2e;
    await page.goto(shop.url);
    const answers = await page.evaluate(async () => {
      const texts: string[] = [];
      for (const currency of ['THB', 'USD', 'KZT']) {
        const methods = await fetch(`/api/checkout/methods?currency=${currency}`);
        const { methods: list } = (await methods.json()) as { methods: Array<{ id: string }> };
        texts.push(JSON.stringify(list));
        for (const method of list) {
          const created = await fetch('/api/checkout/sessions', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
            body: JSON.stringify({
              methodId: method.id,
              cart: { items: [{ sku: 'silk-scarf', quantity: 1 }] },
              currency,
            }),
          });
          texts.push(`${created.status} ${[...created.headers].join(' ')} ${await created.text()}`);
        }
      }
      return texts;
    });
    // Sessions were made, so there was something to scan (the fixture scans the same answers too).
    expect(answers.some((text) => text.startsWith('201 '))).toBe(true);
    expect(answers.flatMap((text) => findSecrets('api', text, secretsOf(shop)))).toEqual([]);
  });
});
