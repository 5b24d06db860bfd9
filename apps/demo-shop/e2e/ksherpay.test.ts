import type { Browser, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoShop } from '../server/demo-shop.ts';
import { setupDemoShopE2e } from './demo-shop-e2e.ts';

// The demo in KsherPay mode: the same `ksher.*` methods, served by the RSA-signed KsherPay API.
const e2e = setupDemoShopE2e('ksherpay', { main: { env: { DEMO_KSHER_API: 'ksherpay' } } });
let browser: Browser;
let shop: DemoShop;
let page: Page;
const { watchCsp } = e2e;
beforeEach(() => {
  ({ browser, page } = e2e);
  shop = e2e.shops.main as DemoShop;
});

async function checkoutWith(productName: string, method: RegExp) {
  await page.goto(shop.url);
  await page.getByRole('button', { name: `Add ${productName} to cart` }).click();
  await page.goto(`${shop.url}/checkout`);
  await page.getByRole('radio', { name: method }).check();
  await page.getByRole('button', { name: /^Pay/ }).click();
}

async function expectPaid(sessionId: string) {
  await page.waitForURL(new RegExp(`/order\\?checkout_session=${sessionId}`), {
    timeout: 20_000,
  });
  await expect
    .poll(() => page.getByText('Payment received').first().isVisible(), { timeout: 20_000 })
    .toBe(true);
  expect((await shop.checkout.getOrder(sessionId))?.status).toBe('succeeded');
  await expect.poll(() => shop.fulfilled.includes(sessionId)).toBe(true);
}

describe('KsherPay in the demo shop (DEMO_KSHER_API=ksherpay)', () => {
  it('buys on the KsherPay hosted page (gateway_pay) and comes back paid', async () => {
    await checkoutWith('Thai silk scarf', /^Card/);
    await page.waitForURL(/\/sandbox\/ksherpay\/ua\?order_uuid=/);
    expect(
      await page
        .getByText(/890\.00/)
        .first()
        .isVisible(),
    ).toBe(true);
    const [order] = await shop.checkout.listOrders({ limit: 1 });
    expect(order).toMatchObject({ methodId: 'ksher.card', provider: 'ksherpay', amount: 89_000 });
    await page.getByRole('button', { name: 'Pay' }).click();
    await expectPaid(order?.id as string);
    expect(shop.sandbox?.ksherpay.getOrder(order?.id as string)?.status).toBe('SUCCESS');
  });

  it('buys with a PromptPay QR (native_pay) paid from the sandbox phone page', async () => {
    await checkoutWith('Celadon tea cup', /PromptPay/);
    await page.getByRole('heading', { name: 'Scan to pay' }).waitFor();
    expect(await page.getByRole('img', { name: /QR code to pay/ }).isVisible()).toBe(true);
    const [order] = await shop.checkout.listOrders({ limit: 1 });
    expect(order).toMatchObject({ methodId: 'ksher.promptpay', provider: 'ksherpay' });
    const phone = await browser.newPage();
    watchCsp(phone);
    await phone.goto(shop.sandbox?.ksherpay.phoneUrl(order?.id) as string);
    await phone.getByRole('button', { name: 'Pay' }).click();
    await phone.getByRole('heading', { name: 'Payment sent' }).waitFor();
    await phone.close();
    await expectPaid(order?.id as string);
  });
});
