import type { Browser, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoShop } from '../server/demo-shop.ts';
import { setupDemoShopE2e } from './demo-shop-e2e.ts';

const e2e = setupDemoShopE2e('kesspay');
let browser: Browser;
let shop: DemoShop;
let page: Page;
const { watchCsp } = e2e;
beforeEach(() => {
  ({ browser, page } = e2e);
  shop = e2e.shops.main as DemoShop;
});

/** Switches the header's currency, puts a product in the cart and opens the checkout. */
async function checkoutIn(currency: string, productName: string, price: RegExp) {
  await page.goto(shop.url);
  await page.getByLabel('Currency').selectOption(currency);
  await expect.poll(() => page.getByText(price).first().isVisible()).toBe(true);
  await page.getByRole('button', { name: `Add ${productName} to cart` }).click();
  await page.getByRole('link', { name: /Cart/ }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Your cart' }).isVisible()).toBe(true);
  expect(await page.getByText(price).first().isVisible()).toBe(true);
  await page.getByRole('link', { name: 'Checkout' }).click();
}

/** The session the shop has just created (the newest order). */
async function latestOrder() {
  const [latest] = await shop.checkout.listOrders({ limit: 1 });
  return latest;
}

async function expectOrderPagePaid(sessionId: string, amount: RegExp) {
  await page.waitForURL(new RegExp(`/order\\?checkout_session=${sessionId}`), {
    timeout: 20_000,
  });
  await expect
    .poll(() => page.getByText('Payment received').first().isVisible(), { timeout: 20_000 })
    .toBe(true);
  await expect.poll(() => page.getByRole('cell', { name: amount }).first().isVisible()).toBe(true);
  expect((await shop.checkout.getOrder(sessionId))?.status).toBe('succeeded');
  await expect.poll(() => shop.fulfilled.includes(sessionId)).toBe(true);
}

describe('KessPay in the demo shop', () => {
  it('buys in USD on the KessPay hosted page and comes back to the order, paid', async () => {
    await checkoutIn('USD', 'Thai silk scarf', /\$24\.90/);
    // THB methods (Ksher) are not offered for USD.
    await page.getByRole('radio', { name: /KessPay/ }).waitFor();
    expect(await page.getByRole('radio', { name: /PromptPay|Card/ }).count()).toBe(0);
    await page.getByRole('radio', { name: /KessPay/ }).check();
    await page.getByRole('button', { name: /^Pay/ }).click();
    // The KessPay sandbox's hosted WebPay page, reached by a real browser redirect.
    await page.waitForURL(/\/sandbox\/kesspay\/pay\//);
    expect(
      await page
        .getByText(/24\.90/)
        .first()
        .isVisible(),
    ).toBe(true);
    const order = await latestOrder();
    expect(order).toMatchObject({ methodId: 'kesspay.webpay', amount: 2_490, currency: 'USD' });
    await page.getByRole('button', { name: 'Pay' }).click();
    await expectOrderPagePaid(order?.id as string, /\$24\.90/);
    // The choice survives a reload (localStorage).
    await page.reload();
    expect(await page.getByLabel('Currency').inputValue()).toBe('USD');
  });

  it('buys in KHR with KHQR paid from the KessPay payer page', async () => {
    await checkoutIn('KHR', 'Doi Chang coffee beans', /40,000/);
    await page.getByRole('radio', { name: /^KHQR/ }).check();
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.getByRole('heading', { name: 'Scan to pay' }).waitFor();
    expect(await page.getByRole('img', { name: /QR code to pay/ }).isVisible()).toBe(true);
    const order = await latestOrder();
    expect(order).toMatchObject({ methodId: 'kesspay.khqr', amount: 40_000, currency: 'KHR' });

    // The sandbox hint links the payer page that stands in for the bank app.
    const link = page.getByRole('link', { name: 'KessPay payer page' });
    const payerUrl = (await link.getAttribute('href')) as string;
    expect(payerUrl.startsWith(`${shop.url}/sandbox/kesspay/qr/`)).toBe(true);
    const payer = await browser.newPage();
    watchCsp(payer);
    await payer.goto(payerUrl);
    await payer.getByRole('button', { name: 'Pay' }).click();
    await payer.getByRole('heading', { name: 'Payment sent' }).waitFor();
    await payer.close();

    // The notify (confirmed with queryorder) reaches the shop; SSE moves the page on.
    await expectOrderPagePaid(order?.id as string, /40,000/);
  });
});
