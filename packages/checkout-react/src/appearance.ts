/**
 * Theming of the drop-in: the `--lp-*` custom properties of styles.css, the built-in themes and
 * the `appearance` prop. Nothing here writes a `style` attribute: variables reach the page through
 * a nonce'd <style> element or CSSOM (`element.style.setProperty`), both allowed by a strict CSP.
 */

/** Every custom property styles.css reads, in the order of its default block (tested). */
export const LP_VARIABLES = [
  '--lp-font-family',
  '--lp-font-size',
  '--lp-font-size-small',
  '--lp-font-size-heading',
  '--lp-line-height',
  '--lp-color-text',
  '--lp-color-muted',
  '--lp-color-background',
  '--lp-color-surface',
  '--lp-color-border',
  '--lp-color-primary',
  '--lp-color-primary-hover',
  '--lp-color-on-primary',
  '--lp-color-success',
  '--lp-color-danger',
  '--lp-color-progress',
  '--lp-color-focus',
  '--lp-radius',
  '--lp-border-width',
  '--lp-focus-ring-width',
  '--lp-focus-ring-offset',
  '--lp-space-1',
  '--lp-space-2',
  '--lp-space-3',
  '--lp-space-4',
  '--lp-qr-size',
  '--lp-qr-background',
  '--lp-font-size-countdown',
  '--lp-font-weight-strong',
] as const;

export type LpVariable = (typeof LP_VARIABLES)[number];

/** `none` is the unstyled mode: no lp-* styling class is rendered, markup and ARIA stay. */
export type CheckoutTheme = 'light' | 'dark' | 'minimal' | 'none';

export interface CheckoutAppearance {
  /** Default `light`. */
  theme?: CheckoutTheme;
  /** Custom property overrides for this provider's parts, e.g. `{ '--lp-radius': '0' }`. */
  variables?: Partial<Record<LpVariable, string>>;
}

export type VariableDeclaration = readonly [LpVariable, string];

const knownVariables: ReadonlySet<string> = new Set(LP_VARIABLES);

/**
 * A value that cannot leave its declaration: no `;`, braces, `<` (a `</style>`), backslash
 * escapes or comment markers. Everything a colour, length, font list or `min()` needs passes.
 */
function isSafeValue(value: string): boolean {
  return value.trim() !== '' && !/[;{}<>\\]|\/\*|\*\//.test(value);
}

/**
 * The `variables` entries to apply, sorted by name so equal maps give equal keys. Unknown names
 * and unsafe values are dropped with a console warning naming them, never written into CSS.
 */
export function variableDeclarations(
  variables: CheckoutAppearance['variables'] = {},
): VariableDeclaration[] {
  const declarations: VariableDeclaration[] = [];
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) continue;
    if (!knownVariables.has(name) || typeof value !== 'string' || !isSafeValue(value)) {
      console.warn(`@localpay/checkout-react: appearance.variables["${name}"] ignored`);
      continue;
    }
    declarations.push([name as LpVariable, value.trim()]);
  }
  return declarations.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The attribute that scopes a nonce'd <style> element to one provider's parts. */
export const APPEARANCE_ATTRIBUTE = 'data-lp-appearance';

/**
 * CSS text for the nonce'd <style> element. The selector carries the attribute twice: more
 * specific than the built-in theme rules (zero specificity) and than a one-class site rule.
 */
export function appearanceStyleText(
  instanceId: string,
  declarations: readonly VariableDeclaration[],
): string {
  const id = instanceId.replace(/["\\]/g, '');
  const body = declarations.map(([name, value]) => `${name}: ${value};`).join(' ');
  return `[${APPEARANCE_ATTRIBUTE}="${id}"][${APPEARANCE_ATTRIBUTE}="${id}"] { ${body} }`;
}
