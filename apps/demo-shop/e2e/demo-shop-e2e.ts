import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { launchChromium } from '../../../packages/checkout-react/e2e/chromium.ts';
import {
  createExposureRecorder,
  sandboxSecrets,
} from '../../../packages/checkout-server/tests/secret-scan.ts';
import { type DemoShop, type DemoShopOptions, startDemoShop } from '../server/demo-shop.ts';

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
  // Every response a page saw and every log line, scanned for gateway secrets in afterAll.
  const exposures = createExposureRecorder();
  const reading = new Set<Promise<void>>();
  let dataDir = '';

  e2e.watchCsp = (target) => {
    target.on('response', (response) => {
      const read = (async () => {
        const headers = await response.allHeaders();
        const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
        exposures.record(`${response.url()} headers`, [response.url(), ...lines].join('\n'));
        // An event stream has no end to wait for; redirects have no body.
        if ((headers['content-type'] ?? '').includes('text/event-stream')) return;
        exposures.record(`${response.url()} body`, (await response.body()).toString('utf8'));
      })().catch(() => {});
      reading.add(read);
      void read.finally(() => reading.delete(read));
    });
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
        log: (line) => exposures.record('shop log', line),
        checkoutLog: (line) => exposures.record('checkout log', line),
        ...options,
      });
    }
    e2e.browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.allSettled([...reading]);
    await e2e.browser?.close();
    for (const shop of Object.values(e2e.shops)) await shop.close();
    rmSync(dataDir, { recursive: true, force: true });
    const secrets = Object.values(e2e.shops).flatMap((shop) =>
      shop.sandbox ? sandboxSecrets(shop.sandbox) : [],
    );
    expect(exposures.count()).toBeGreaterThan(0);
    expect(exposures.find(secrets)).toEqual([]);
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
