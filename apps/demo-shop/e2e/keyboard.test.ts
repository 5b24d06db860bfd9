import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoShop } from '../server/demo-shop.ts';
import { setupDemoShopE2e } from './demo-shop-e2e.ts';

/**
 * A whole purchase with the keyboard only: Tab, Shift+Tab, arrow keys, Space and Enter. No mouse
 * event and no element.click(): every control is reached by moving focus, as a keyboard user does.
 */
const e2e = setupDemoShopE2e('keyboard');
let shop: DemoShop;
let page: Page;
beforeEach(() => {
  page = e2e.page;
  shop = e2e.shops.main as DemoShop;
});

/** What a screen reader would call the focused element (label, aria-label or text). */
function focusedName(): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return '';
    const label =
      element.getAttribute('aria-label') ??
      (element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : null) ??
      element.textContent ??
      '';
    return label.replace(/\s+/g, ' ').trim();
  });
}

/** Presses `key` (Tab or Shift+Tab) until the focused element's name matches. */
async function moveFocusTo(name: RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  const seen: string[] = [];
  for (let step = 0; step < 40; step += 1) {
    await page.keyboard.press(key);
    const focused = await focusedName();
    if (name.test(focused)) return;
    seen.push(focused);
  }
  throw new Error(`${key} never reached ${name}; focus went through: ${seen.join(' | ')}`);
}

function checkedMethod(): Promise<string | null> {
  return page.evaluate(() => {
    const radio = document.querySelector<HTMLInputElement>('input[type="radio"]:checked');
    return radio?.labels?.[0]?.textContent ?? null;
  });
}

describe('keyboard-only purchase', () => {
  it('buys a scarf through the Ksher hosted page (Card) and lands on the paid order', async () => {
    await page.goto(shop.url);

    await moveFocusTo(/^Add Thai silk scarf to cart$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Cart (1)').isVisible()).toBe(true);
    // The cart link sits before the products: back up to it.
    await moveFocusTo(/^Cart \(1\)$/, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Your cart' }).isVisible())
      .toBe(true);

    await moveFocusTo(/^Checkout$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('radio').count()).toBeGreaterThan(1);

    // One Tab stop for the whole radio group; Space picks, the arrows move the choice.
    await moveFocusTo(/^(PromptPay|TrueMoney|ShopeePay|Card)/);
    await page.keyboard.press('Space');
    expect(await checkedMethod()).toBeTruthy();
    for (let step = 0; step < 6 && (await checkedMethod()) !== 'Card'; step += 1) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await checkedMethod()).toBe('Card');

    await moveFocusTo(/^Pay/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sandbox\/ksher\/ua\?order_uuid=/);

    // The gateway's hosted page (the sandbox's stand-in for Ksher's) works by keyboard too.
    await moveFocusTo(/^Pay$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/order\?checkout_session=/);

    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 })
      .toMatch(/received/i);
    // Focus follows the outcome: the status heading, read out by screen readers.
    await expect.poll(focusedName).toBe('Payment received');
    const sessionId = new URL(page.url()).searchParams.get('checkout_session') as string;
    expect((await shop.checkout.getOrder(sessionId))?.status).toBe('succeeded');
  });
});
