export interface Percentiles {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  p99_9: number;
  max: number;
}

/** Nearest-rank percentiles (the value at rank ceil(p * n)), so every figure is a real sample. */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    p99_9: at(0.999),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function formatMs(ms: number): string {
  return Number.isNaN(ms) ? 'n/a' : `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}
