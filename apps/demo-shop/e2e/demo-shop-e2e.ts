import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type DemoShop, type DemoShopOptions, startDemoShop } from '../server/demo-shop.ts';
import { launchChromium } from './browser.ts';

export interface DemoShopE2e {
  browser: Browser;
  /** A fresh page for each test, watched for CSP violations. */
  page: Page;
  /** The shops of this file by name; `main` unless the file asked for others. */
  shops: Record<string, DemoShop>;
  /** Watch another page (a second tab, a back-office context) for CSP violations too. */
  watchCsp(target: Page): void;
}

/**
 * Registers the hooks every browser test file needs: demo shops on free ports with temporary
 * SQLite files and fast sandbox webhook retries, one Chromium, a page per test, and after each
 * test the check that no page of the flow violated the shop's strict CSP.
 */
export function setupDemoShopE2e(
  name: string,
  variants: Record<string, Partial<DemoShopOptions>> = { main: {} },
): DemoShopE2e {
  const e2e = { shops: {} } as DemoShopE2e;
  const cspViolations: string[] = [];
  let dataDir = '';

  e2e.watchCsp = (target) => {
    target.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
        cspViolations.push(message.text());
      }
    });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `demo-shop-${name}-e2e-`));
    for (const [variant, options] of Object.entries(variants)) {
      e2e.shops[variant] = await startDemoShop({
        port: 0,
        env: {},
        dataDir: join(dataDir, variant),
        sandboxWebhookRetryDelayMs: 200,
        log: () => {},
        ...options,
      });
    }
    e2e.browser = await launchChromium();
  });

  afterAll(async () => {
    await e2e.browser?.close();
    for (const shop of Object.values(e2e.shops)) await shop.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    e2e.page = await e2e.browser.newPage();
    e2e.watchCsp(e2e.page);
  });

  afterEach(async () => {
    await e2e.page.close();
    expect(cspViolations).toEqual([]);
  });

  return e2e;
}
