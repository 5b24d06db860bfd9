import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoShop } from '../server/demo-shop.ts';
import { setupDemoShopE2e } from './demo-shop-e2e.ts';

const e2e = setupDemoShopE2e('redirect');
let shop: DemoShop;
let page: Page;
beforeEach(() => {
  page = e2e.page;
  shop = e2e.shops.main as DemoShop;
});

async function addToCartAndCheckout(productName: string) {
  await page.goto(shop.url);
  await page.getByRole('button', { name: `Add ${productName} to cart` }).click();
  await page.getByRole('link', { name: /Cart/ }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Your cart' }).isVisible()).toBe(true);
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByRole('radio', { name: 'Card' }).check();
  await page.getByRole('button', { name: /^Pay/ }).click();
  // The Ksher sandbox's hosted page, reached by a real browser redirect.
  await page.waitForURL(/\/sandbox\/ksher\/ua\?order_uuid=/);
}

describe('demo shop purchase through the Ksher hosted page (redirect)', () => {
  it('buys a product and shows the order paid', async () => {
    await addToCartAndCheckout('Thai silk scarf');
    expect(await page.getByText('฿890.00').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/order\?checkout_session=/);
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 })
      .toMatch(/paid|received|succeeded/i);
    await expect.poll(() => page.getByText('Thai silk scarf × 1').isVisible()).toBe(true);
    const sessionId = new URL(page.url()).searchParams.get('checkout_session');
    expect(sessionId).toBeTruthy();
    const order = await shop.checkout.getOrder(sessionId as string);
    expect(order?.status).toBe('succeeded');
    expect(order?.amount).toBe(89_000);
    await expect.poll(() => shop.fulfilled.includes(sessionId as string)).toBe(true);
    // The cart was emptied after the payment was confirmed.
    expect(await page.getByText('Cart (0)').isVisible()).toBe(true);
  });

  it('shows the failure state when the payment is declined', async () => {
    await addToCartAndCheckout('Doi Chang coffee beans');
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.waitForURL(/\/order\?checkout_session=.*checkout_result=fail/);
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 })
      .toMatch(/failed|declined|not completed/i);
    const sessionId = new URL(page.url()).searchParams.get('checkout_session') as string;
    expect((await shop.checkout.getOrder(sessionId))?.status).toBe('failed');
    expect(shop.fulfilled).not.toContain(sessionId);
  });
});
