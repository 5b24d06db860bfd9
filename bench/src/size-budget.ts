import {
  type BundleSize,
  DROP_IN,
  DROP_IN_ALL_LOCALES,
  DROP_IN_CSS,
  DROP_IN_THAI,
  formatKb,
  measureBundle,
  OWN_ENTRIES,
} from './bundle-size.ts';

/** The target for the drop-in itself, brotli. */
export const DROP_IN_TARGET = 12_000;

/** Brotli budgets in bytes (kB = 1000 B). See docs/performance.md for why these numbers. */
export const BUDGETS: Record<string, number> = {
  // Every flow with English built in: the target.
  [DROP_IN]: DROP_IN_TARGET,
  // One opt-in pack is ~1-1.5 kB brotli; a shop in one market must stay near the target.
  [DROP_IN_THAI]: 13_500,
  // All four non-English packs (~4.7 kB brotli today); this fails when a pack grows out of line.
  [DROP_IN_ALL_LOCALES]: 16_000,
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
