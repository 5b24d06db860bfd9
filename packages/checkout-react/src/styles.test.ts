// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LP_VARIABLES } from './appearance.ts';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8').replace(
  /\/\*[\s\S]*?\*\//g,
  '',
);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

interface Rule {
  selector: string;
  declarations: Array<[string, string]>;
}

/** Innermost `selector { declarations }` blocks: enough for this file (rules inside @media too). */
function parseRules(text: string): Rule[] {
  return [...text.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((match) => ({
    selector: (match[1] ?? '').trim(),
    declarations: (match[2] ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const colon = part.indexOf(':');
        return [
          part.slice(0, colon).trim(),
          part
            .slice(colon + 1)
            .trim()
            .replace(/\s+/g, ' '),
        ];
      }),
  }));
}

const rules = parseRules(css);
const THEME_SELECTOR = {
  light: ':where(.lp-root:not(.lp-root .lp-root))',
  dark: ':where(.lp-root[data-lp-theme="dark"]:not(.lp-root .lp-root))',
  minimal: ':where(.lp-root[data-lp-theme="minimal"]:not(.lp-root .lp-root))',
} as const;
type Theme = keyof typeof THEME_SELECTOR;

function customProperties(selector: string): Map<string, string> {
  const rule = rules.find((candidate) => candidate.selector === selector);
  if (!rule) throw new Error(`styles.css has no rule ${selector}`);
  return new Map(rule.declarations.filter(([name]) => name.startsWith('--')));
}

/** A theme's variables: the defaults with the theme's own declarations over them. */
function themeVariables(theme: Theme): Map<string, string> {
  const defaults = customProperties(THEME_SELECTOR.light);
  return theme === 'light'
    ? defaults
    : new Map([...defaults, ...customProperties(THEME_SELECTOR[theme])]);
}

describe('styles.css custom properties', () => {
  it('declares exactly LP_VARIABLES as defaults, in order', () => {
    expect([...customProperties(THEME_SELECTOR.light).keys()]).toEqual([...LP_VARIABLES]);
  });

  it('themes only change known variables, and every var() read is declared', () => {
    for (const theme of ['dark', 'minimal'] as const) {
      for (const name of customProperties(THEME_SELECTOR[theme]).keys()) {
        expect(LP_VARIABLES, `${theme} ${name}`).toContain(name);
      }
    }
    for (const [, name] of css.matchAll(/var\((--[\w-]+)\)/g)) {
      expect(LP_VARIABLES).toContain(name);
    }
  });

  it('takes every colour, radius, font, spacing and focus ring from a variable', () => {
    const themeSelectors: string[] = Object.values(THEME_SELECTOR);
    const spacing = /^(gap|row-gap|column-gap|padding|margin)(-|$)/;
    for (const { selector, declarations } of rules) {
      // Screen-reader-only text is sized to hide it, not to look like anything.
      if (themeSelectors.includes(selector) || selector === '.lp-visually-hidden') continue;
      for (const [property, value] of declarations) {
        const where = `${selector} { ${property}: ${value} }`;
        expect(value, where).not.toMatch(/#[0-9a-f]{3,8}\b|\b(rgb|hsl|oklch|lab)a?\(/i);
        expect(value, where).not.toMatch(/\b(black|white|red|blue|green|gray|grey)\b/i);
        if (property === 'border-radius' || property === 'font-family') {
          expect(value, where).toMatch(/^var\(--lp-[\w-]+\)$/);
        }
        if (property === 'font-size' || property === 'font-weight') {
          expect(value, where).toMatch(/^var\(--lp-[\w-]+\)$/);
        }
        if (spacing.test(property)) {
          for (const token of value.split(' '))
            expect(token, where).toMatch(/^(0|var\(--lp-[\w-]+\))$/);
        }
        if (property.startsWith('outline') && value !== 'none') {
          expect(value, where).not.toMatch(/\d(px|rem|em)/);
        }
      }
    }
  });

  it('are documented in the README table with their defaults per theme', () => {
    const rows = [
      ...readme.matchAll(/^\| `(--lp-[\w-]+)` +\| (.*?) +\| (.*?) +\| (.*?) +\|/gm),
    ].map(([, name, light, dark, minimal]) => [name, light, dark, minimal]);
    const cell = (value: string | undefined) => (value === undefined ? '' : `\`${value}\``);
    const dark = customProperties(THEME_SELECTOR.dark);
    const minimal = customProperties(THEME_SELECTOR.minimal);
    expect(rows).toEqual(
      LP_VARIABLES.map((name) => [
        name,
        cell(customProperties(THEME_SELECTOR.light).get(name)),
        cell(dark.get(name)),
        cell(minimal.get(name)),
      ]),
    );
  });
});

function luminance(hex: string): number {
  const digits = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!digits) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((at) => {
    const channel = Number.parseInt(digits.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** WCAG 2.2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

// [foreground, background, minimum]: every text or UI colour on every background it is drawn on.
const TEXT = 4.5;
const UI = 3;
const PAIRS: Array<[string, string, number]> = [
  // Body text, headings and picker labels on the page and in panels / the selected option.
  ['--lp-color-text', '--lp-color-background', TEXT],
  ['--lp-color-text', '--lp-color-surface', TEXT],
  // Notices, limit hints, unavailable methods, QR labels.
  ['--lp-color-muted', '--lp-color-background', TEXT],
  ['--lp-color-muted', '--lp-color-surface', TEXT],
  // Primary buttons, at rest and hovered.
  ['--lp-color-on-primary', '--lp-color-primary', TEXT],
  ['--lp-color-on-primary', '--lp-color-primary-hover', TEXT],
  // Secondary buttons: primary text and border on the page background.
  ['--lp-color-primary', '--lp-color-background', TEXT],
  // Field errors and the problem box on the page; failed status and QR problem in panels.
  ['--lp-color-danger', '--lp-color-background', TEXT],
  ['--lp-color-danger', '--lp-color-surface', TEXT],
  // Succeeded status heading in its panel.
  ['--lp-color-success', '--lp-color-surface', TEXT],
  // Radio accent and the selected option's border.
  ['--lp-color-primary', '--lp-color-surface', UI],
  // Focus ring around controls on the page and in panels.
  ['--lp-color-focus', '--lp-color-background', UI],
  ['--lp-color-focus', '--lp-color-surface', UI],
];

describe('colour contrast (WCAG 2.2 AA)', () => {
  for (const theme of ['light', 'dark', 'minimal'] as const) {
    it(`passes in the ${theme} theme`, () => {
      const variables = themeVariables(theme);
      const failures = PAIRS.flatMap(([foreground, background, minimum]) => {
        const ratio = contrast(variables.get(foreground) ?? '', variables.get(background) ?? '');
        return ratio >= minimum ? [] : [`${foreground} on ${background}: ${ratio.toFixed(2)}`];
      });
      expect(failures).toEqual([]);
    });
  }

  it('measures contrast like WCAG', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
