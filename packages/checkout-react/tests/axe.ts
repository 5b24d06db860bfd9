import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Runs axe-core on a rendered part; `region` is a whole-page rule, not a component one. axe
 * cannot reach into jsdom's frames: an iframe element itself is checked (title), not its page.
 */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe.run(container, {
    iframes: false,
    rules: { region: { enabled: false } },
  });
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`,
  );
  expect(summary).toEqual([]);
}
