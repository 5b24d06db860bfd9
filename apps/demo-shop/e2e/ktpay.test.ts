import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoShop } from '../server/demo-shop.ts';
import { setupDemoShopE2e } from './demo-shop-e2e.ts';

const FRAME_TITLE = 'Card (Ktpay) payment form';

const e2e = setupDemoShopE2e('ktpay', { redirect: {}, iframe: { ktpayPayerFlow: 'iframe' } });
let redirectShop: DemoShop;
let iframeShop: DemoShop;
let page: Page;
beforeEach(() => {
  page = e2e.page;
  redirectShop = e2e.shops.redirect as DemoShop;
  iframeShop = e2e.shops.iframe as DemoShop;
});

/** Switches to KZT, puts the scarf in the cart, opens the checkout and starts a Ktpay payment. */
async function payWithKtpay(shop: DemoShop) {
  await page.goto(shop.url);
  await page.getByLabel('Currency').selectOption('KZT');
  await expect
    .poll(() =>
      page
        .getByText(/12,490/)
        .first()
        .isVisible(),
    )
    .toBe(true);
  await page.getByRole('button', { name: 'Add Thai silk scarf to cart' }).click();
  await page.getByRole('link', { name: /Cart/ }).click();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByRole('radio', { name: /Ktpay/ }).check();
  await page.getByRole('button', { name: /^Pay/ }).click();
}

async function latestOrder(shop: DemoShop) {
  const [latest] = await shop.checkout.listOrders({ limit: 1 });
  return latest;
}

async function expectOrderPagePaid(shop: DemoShop, sessionId: string) {
  await page.waitForURL(new RegExp(`/order\\?checkout_session=${sessionId}`), { timeout: 20_000 });
  await expect
    .poll(() => page.getByText('Payment received').first().isVisible(), { timeout: 20_000 })
    .toBe(true);
  expect((await shop.checkout.getOrder(sessionId))?.status).toBe('succeeded');
  await expect.poll(() => shop.fulfilled.includes(sessionId)).toBe(true);
}

describe('Ktpay in the demo shop', () => {
  it('redirect: pays in KZT with a test card on the widget page and returns paid', async () => {
    await payWithKtpay(redirectShop);
    await page.waitForURL(/\/sandbox\/ktpay\/widget\/payment-card\?hash=[0-9a-f]{40}$/);
    const order = await latestOrder(redirectShop);
    expect(order).toMatchObject({ methodId: 'ktpay.card', amount: 1_249_000, currency: 'KZT' });
    await page.getByLabel('Card number').fill(redirectShop.sandbox?.ktpay.testCards.success ?? '');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.getByRole('heading', { name: 'Payment successful' }).waitFor();
    await page.getByRole('link', { name: /^Return to/ }).click();
    await expectOrderPagePaid(redirectShop, order?.id as string);
  });

  it('iframe: pays with a 3-D Secure card inside the embedded widget', async () => {
    await payWithKtpay(iframeShop);
    const frame = page.frameLocator(`iframe[title="${FRAME_TITLE}"]`);
    const sandbox = iframeShop.sandbox;
    await frame.getByLabel('Card number').fill(sandbox?.ktpay.testCards.threeDSecure ?? '');
    await frame.getByRole('button', { name: /^Pay/ }).click();
    await frame.getByLabel('One-time code').fill(sandbox?.ktpay.threeDsCode ?? '');
    await frame.getByRole('button', { name: 'Confirm' }).click();
    const order = await latestOrder(iframeShop);
    // The callback reaches the shop; the live status moves the checkout on to the order page.
    await expectOrderPagePaid(iframeShop, order?.id as string);
  });

  it('iframe: a declined card shows the failure in the checkout', async () => {
    await payWithKtpay(iframeShop);
    const frame = page.frameLocator(`iframe[title="${FRAME_TITLE}"]`);
    await frame.getByLabel('Card number').fill(iframeShop.sandbox?.ktpay.testCards.declined ?? '');
    await frame.getByRole('button', { name: /^Pay/ }).click();
    await page.getByRole('heading', { name: 'Payment failed' }).waitFor({ timeout: 20_000 });
    expect(await page.locator(`iframe[title="${FRAME_TITLE}"]`).count()).toBe(0);
    expect((await latestOrder(iframeShop))?.status).toBe('failed');
  });

  it("iframe: the widget's Close button goes back to the payment methods", async () => {
    await payWithKtpay(iframeShop);
    const frame = page.frameLocator(`iframe[title="${FRAME_TITLE}"]`);
    await frame.getByRole('link', { name: 'Close' }).click();
    await page.getByRole('group', { name: 'Payment method' }).waitFor();
    expect(page.url()).toMatch(/\/checkout$/);
    expect(await page.locator(`iframe[title="${FRAME_TITLE}"]`).count()).toBe(0);
  });
});
