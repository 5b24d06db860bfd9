import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoShop } from '../server/demo-shop.ts';
import { setupDemoShopE2e } from './demo-shop-e2e.ts';

const e2e = setupDemoShopE2e('locales');
let shop: DemoShop;
let page: Page;
beforeEach(() => {
  page = e2e.page;
  shop = e2e.shops.main as DemoShop;
});

/**
 * Every JavaScript file the page fetched, by URL, with its text. A body is read over CDP after the
 * browser already ran the script, so `read()` waits for every read begun so far.
 */
function recordScripts(target: Page): { read(): Promise<string[]> } {
  const scripts = new Map<string, string>();
  const reading: Promise<void>[] = [];
  target.on('response', (response) => {
    if (!response.url().endsWith('.js')) return;
    reading.push(
      response.text().then(
        (text) => void scripts.set(response.url(), text),
        () => void scripts.set(response.url(), ''),
      ),
    );
  });
  return {
    async read() {
      await Promise.all(reading);
      return [...scripts.values()];
    },
  };
}

// Strings only the Thai and Khmer packs contain (their PromptPay / card names).
const THAI = 'บัตรเครดิต/เดบิต';
const KHMER = 'កាតឥណទាន ឬឥណពន្ធ';

describe('checkout languages in the demo shop', () => {
  it('loads a language pack only when the shopper picks it, then pays in Thai', async () => {
    const scripts = recordScripts(page);
    await page.goto(shop.url);
    await page.getByRole('button', { name: 'Add Thai silk scarf to cart' }).click();
    await page.getByRole('link', { name: /Cart/ }).click();
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('group', { name: 'Payment method' }).waitFor();
    const englishScripts = await scripts.read();
    expect(englishScripts.length).toBeGreaterThan(0);
    expect(englishScripts.filter((text) => text.includes(THAI))).toEqual([]);

    await page.getByLabel('Checkout language').selectOption('th');
    await page.getByRole('group', { name: 'ช่องทางการชำระเงิน' }).waitFor();
    // The Thai pack arrived as its own chunk; no other language came with it.
    const withThaiLoaded = await scripts.read();
    const withThai = withThaiLoaded.filter((text) => text.includes(THAI));
    expect(withThai).toHaveLength(1);
    expect(withThaiLoaded.filter((text) => text.includes(KHMER))).toEqual([]);

    await page.getByRole('radio', { name: THAI }).check();
    await page.getByRole('button', { name: 'ชำระเงิน ฿890.00' }).click();
    await page.waitForURL(/\/sandbox\/ksher\/ua\?order_uuid=/);
    const [order] = await shop.checkout.listOrders({ limit: 1 });
    expect(order?.locale).toBe('th');
  });

  it('remembers the language across visits and switches back without a reload', async () => {
    await page.goto(shop.url);
    await page.getByLabel('Checkout language').selectOption('km');
    await page.getByRole('button', { name: 'Add Thai silk scarf to cart' }).click();
    await page.getByRole('link', { name: /Cart/ }).click();
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('group', { name: 'វិធីបង់ប្រាក់' }).waitFor();

    await page.reload();
    await page.getByRole('group', { name: 'វិធីបង់ប្រាក់' }).waitFor();
    expect(await page.getByLabel('Checkout language').inputValue()).toBe('km');

    await page.getByLabel('Checkout language').selectOption('en');
    await page.getByRole('group', { name: 'Payment method' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Card' }).isVisible()).toBe(true);
  });
});
