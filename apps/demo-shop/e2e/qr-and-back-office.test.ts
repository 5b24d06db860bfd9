import type { Browser, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoShop } from '../server/demo-shop.ts';
import { setupDemoShopE2e } from './demo-shop-e2e.ts';

const e2e = setupDemoShopE2e('qr');
let browser: Browser;
let shop: DemoShop;
let page: Page;
const { watchCsp } = e2e;
beforeEach(() => {
  ({ browser, page } = e2e);
  shop = e2e.shops.main as DemoShop;
});

/** Puts a product in the cart, picks PromptPay and returns the id of the QR session shown. */
async function showPromptPayQr(productName: string): Promise<string> {
  await page.goto(shop.url);
  await page.getByRole('button', { name: `Add ${productName} to cart` }).click();
  await page.goto(`${shop.url}/checkout`);
  await page.getByRole('radio', { name: /PromptPay/ }).check();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('heading', { name: 'Scan to pay' }).waitFor();
  expect(await page.getByRole('img', { name: /QR code to pay/ }).isVisible()).toBe(true);
  const [latest] = await shop.checkout.listOrders({ limit: 1 });
  expect(latest?.methodId).toBe('ksher.promptpay');
  return latest?.id as string;
}

/** The payer's phone: the sandbox page that stands in for scanning the QR with a wallet app. */
async function payFromPhone(sessionId: string) {
  const phone = await browser.newPage();
  watchCsp(phone);
  await phone.goto(shop.sandbox?.ksher.phoneUrl(sessionId) as string);
  await phone.getByRole('button', { name: 'Pay' }).click();
  await phone.close();
}

describe('PromptPay QR in the demo shop', () => {
  it('pays the QR from the sandbox phone page and shows the order paid', async () => {
    const sessionId = await showPromptPayQr('Celadon tea cup');
    await payFromPhone(sessionId);
    // The status arrives over SSE; the shop then shows the order page.
    await page.waitForURL(new RegExp(`/order\\?checkout_session=${sessionId}`), {
      timeout: 20_000,
    });
    await expect.poll(() => page.getByText('Payment received').first().isVisible()).toBe(true);
    expect((await shop.checkout.getOrder(sessionId))?.status).toBe('succeeded');
  });

  it('lets a QR expire and gets a new one', async () => {
    const first = await showPromptPayQr('Mango sticky rice kit');
    await shop.sandbox?.ksher.expire(first);
    await page.getByRole('heading', { name: 'QR code expired' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('img', { name: /QR code to pay/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'New QR code' }).click();
    await page.getByRole('heading', { name: 'Scan to pay' }).waitFor();
    const [latest] = await shop.checkout.listOrders({ limit: 1 });
    expect(latest?.id).not.toBe(first);
    expect(latest?.status).toBe('pending');
    expect((await shop.checkout.getOrder(first))?.status).toBe('expired');
  });
});

describe('back office', () => {
  it('refunds a paid order and shows it refunded', async () => {
    const sessionId = await showPromptPayQr('Thai silk scarf');
    await payFromPhone(sessionId);
    await expect
      .poll(async () => (await shop.checkout.getOrder(sessionId))?.status)
      .toBe('succeeded');

    const context = await browser.newContext({
      httpCredentials: shop.backOffice as { username: string; password: string },
    });
    const admin = await context.newPage();
    watchCsp(admin);
    await admin.goto(`${shop.url}/admin`);
    await admin.getByRole('link', { name: sessionId }).click();
    expect(await admin.getByTestId('order-status').textContent()).toBe('succeeded');
    await admin.getByLabel(/Refund amount/).fill('90.00');
    await admin.getByRole('button', { name: 'Refund' }).click();
    await admin.getByText('Refund done: order is partially_refunded').waitFor();
    await admin.getByRole('button', { name: 'Refund' }).click();
    await admin.getByText('Refund done: order is refunded').waitFor();
    expect(await admin.getByTestId('order-status').textContent()).toBe('refunded');
    expect(await admin.getByText('succeeded → partially_refunded').count()).toBe(1);
    await context.close();
  });
});
