/**
 * Latency bookkeeping shared by the benchmarks: samples in milliseconds, summarised by
 * nearest-rank percentiles (no interpolation, so a p99 is a latency that really happened).
 */
export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarise(samples: number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    n: samples.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    mean: round(samples.length ? sum / samples.length : NaN),
    max: round(sorted.length ? sorted[sorted.length - 1]! : NaN),
  };
}

/** Three decimals for sub-millisecond figures, one beyond. */
export function round(ms: number): number {
  return Math.abs(ms) < 1 ? Math.round(ms * 1000) / 1000 : Math.round(ms * 10) / 10;
}

export function median(xs: number[]): number {
  return percentile(Float64Array.from(xs).sort(), 50);
}

/** Peak resident set of this process so far, in MB (the kernel's high-water mark). */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** The seeded PRNG shared with the LSA projection: the same mix of messages on every run. */
export { seededRandom as rng } from '../../retrieval/linalg.js';
