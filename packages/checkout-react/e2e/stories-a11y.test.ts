import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { builtStories, serveStorybookStatic } from './storybook-static.ts';

// Every story of the built Storybook in Chromium, checked by axe-core as a browser sees it: real
// layout and computed colours (jsdom's axe runs in the unit tests cannot judge contrast).
const stories = builtStories();
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const THEMES = ['light', 'dark'] as const;

declare global {
  interface Window {
    __storyOutcome?: string;
  }
}

/** Records, from the first script on, how Storybook's preview finished rendering the story. */
function watchStoryOutcome(): void {
  const watched = new WeakSet<object>();
  let current: unknown;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => current,
    set: (channel: { on(event: string, listener: (payload: unknown) => void): void }) => {
      current = channel;
      if (watched.has(channel)) return;
      watched.add(channel);
      channel.on('storyRendered', () => {
        window.__storyOutcome ??= 'rendered';
      });
      for (const failure of [
        'storyErrored',
        'storyThrewException',
        'playFunctionThrewException',
        'storyMissing',
      ]) {
        channel.on(failure, (payload) => {
          window.__storyOutcome = `${failure}: ${JSON.stringify(payload)?.slice(0, 400)}`;
        });
      }
    },
  });
}

let browser: Browser;
let storybook: Awaited<ReturnType<typeof serveStorybookStatic>>;
const pages = new Map<string, Page>();

beforeAll(async () => {
  storybook = await serveStorybookStatic();
  browser = await launchChromium();
  for (const theme of THEMES) {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await page.addInitScript(watchStoryOutcome);
    pages.set(theme, page);
  }
});

afterAll(async () => {
  await browser?.close();
  await storybook?.close();
});

it('finds the stories in the build', () => {
  // Eight story files; a build that lost them must not pass by checking nothing.
  expect(stories.length).toBeGreaterThanOrEqual(40);
});

for (const theme of THEMES) {
  describe(`every story, ${theme} theme`, () => {
    for (const story of stories) {
      it(`${story.title} / ${story.name}`, async () => {
        const page = pages.get(theme) as Page;
        await page.goto(
          // a11y.manual: the addon's own axe run would race ours (one axe run at a time per page).
          `${storybook.url}/iframe.html?id=${story.id}&viewMode=story&globals=theme:${theme};a11y.manual:!true`,
        );
        await page.waitForFunction(() => window.__storyOutcome !== undefined, null, {
          timeout: 15_000,
        });
        expect(await page.evaluate(() => window.__storyOutcome)).toBe('rendered');
        await page.addScriptTag({ path: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
          // `region` is a whole-page rule: a story is a fragment, not a page.
          const results = await axe.run('#storybook-root', {
            rules: { region: { enabled: false } },
          });
          return results.violations.map(
            (violation) =>
              `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
          );
        });
        expect(violations).toEqual([]);
      });
    }
  });
}
