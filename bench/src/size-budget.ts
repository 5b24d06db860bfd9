import {
  type BundleSize,
  DROP_IN,
  DROP_IN_CSS,
  DROP_IN_ENGLISH,
  formatKb,
  measureBundle,
  OWN_ENTRIES,
} from './bundle-size.ts';

/** The target for the drop-in itself, brotli. */
export const DROP_IN_TARGET = 12_000;

/** Brotli budgets in bytes (kB = 1000 B). See docs/performance.md for why these numbers. */
export const BUDGETS: Record<string, number> = {
  // As shipped, the drop-in (15.2 kB) misses the 12 kB target because all five locale catalogs
  // are bundled (45 kB of the 76 kB minified). Until they are loaded lazily this budget is a
  // ratchet at today's size plus ~5%, so it still fails on growth; then set it to DROP_IN_TARGET.
  [DROP_IN]: 16_000,
  // The code without the four non-English catalogs: held to the target today.
  [DROP_IN_ENGLISH]: DROP_IN_TARGET,
  // The stylesheet is render-blocking, so it gets its own budget: 4 kB brotli is ~10x the
  // size of today's variables + parts and still under one TCP round trip with the JS.
  [DROP_IN_CSS]: 4_000,
};

/** Names of the bundles over budget, with their size and the budget. */
export function overBudget(sizes: BundleSize[]): string[] {
  return sizes.flatMap((size) => {
    const budget = BUDGETS[size.name];
    return budget !== undefined && size.brotli > budget
      ? [`${size.name}: ${formatKb(size.brotli)} brotli > budget ${formatKb(budget)}`]
      : [];
  });
}

if (import.meta.main) {
  const sizes = await Promise.all(
    OWN_ENTRIES.filter((entry) => BUDGETS[entry.name] !== undefined).map(measureBundle),
  );
  for (const size of sizes) {
    console.log(
      `${size.name}: ${formatKb(size.brotli)} brotli (budget ${formatKb(BUDGETS[size.name] ?? 0)})`,
    );
  }
  const failures = overBudget(sizes);
  for (const failure of failures) console.error(`over budget: ${failure}`);
  process.exit(failures.length > 0 ? 1 : 0);
}
