/**
 * The statistics behind "how far to trust a figure": expected calibration error of a confidence,
 * percentile bootstrap intervals with a fixed seed (so a rerun prints the same interval), and the
 * exact McNemar test between two versions' per-line correctness.
 */
import { seededRandom } from '../retrieval/linalg.js';

export const BOOTSTRAP_SEED = 20261201;
export const BOOTSTRAP_RESAMPLES = 1000;

/** The 95 % percentile interval of `stat` over resamples (with replacement) of `items`. */
export function bootstrap<T>(items: readonly T[], stat: (sample: T[]) => number, resamples = BOOTSTRAP_RESAMPLES, seed = BOOTSTRAP_SEED): [number, number] {
  return bootstrapMany(items, (s) => [stat(s)], resamples, seed)[0] ?? [0, 0];
}

/** Several statistics over the same resamples: one interval per entry of what `stats` returns. */
export function bootstrapMany<T>(items: readonly T[], stats: (sample: T[]) => number[], resamples = BOOTSTRAP_RESAMPLES, seed = BOOTSTRAP_SEED): Array<[number, number]> {
  if (!items.length) return [];
  const next = seededRandom(seed);
  const values: number[][] = [];
  const sample: T[] = new Array(items.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[Math.floor(next() * items.length)]!;
    stats(sample).forEach((v, k) => (values[k] ??= []).push(v));
  }
  return values.map((vs) => {
    vs.sort((a, b) => a - b);
    const at = (q: number) => vs[Math.min(vs.length - 1, Math.max(0, Math.round(q * (vs.length - 1))))]!;
    return [at(0.025), at(0.975)];
  });
}

/**
 * Expected calibration error over 10 equal-width confidence bins: the share-weighted gap between a
 * bin's mean confidence and how often its levels were right. 0 = a confidence of 0.8 is right 80 % of
 * the time.
 */
export function ece(items: ReadonlyArray<{ confidence: number; right: boolean }>, bins = 10): number {
  if (!items.length) return 0;
  const sum = Array.from({ length: bins }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const it of items) {
    const b = sum[Math.min(bins - 1, Math.max(0, Math.floor(it.confidence * bins)))]!;
    b.n++; b.conf += it.confidence; b.right += it.right ? 1 : 0;
  }
  return sum.reduce((e, b) => (b.n ? e + (b.n / items.length) * Math.abs(b.conf / b.n - b.right / b.n) : e), 0);
}

/**
 * The ECE a perfectly calibrated confidence would still show on these confidences at this size: the mean
 * ECE when each line is drawn right with probability equal to its confidence (fixed seed). With a hundred
 * lines spread over several bins it is several points, so an ECE near it is as good as the size can show.
 */
export function eceFloor(confidences: readonly number[], draws = 1000, seed = BOOTSTRAP_SEED): number {
  if (!confidences.length) return 0;
  const next = seededRandom(seed);
  let total = 0;
  for (let d = 0; d < draws; d++) total += ece(confidences.map((confidence) => ({ confidence, right: next() < confidence })));
  return total / draws;
}

export interface McNemar {
  /** Lines in both versions. */
  paired: number;
  /** Right before, wrong now. */
  worse: number;
  /** Wrong before, right now. */
  better: number;
  /** Two-sided exact binomial p of the discordant split (1 when there is none). */
  p: number;
}

/** Exact McNemar test over the lines both versions scored (keys present in both maps). */
export function mcnemar(before: Readonly<Record<string, boolean>>, now: Readonly<Record<string, boolean>>): McNemar {
  let worse = 0;
  let better = 0;
  let paired = 0;
  for (const [key, was] of Object.entries(before)) {
    const is = now[key];
    if (is === undefined) continue;
    paired++;
    if (was && !is) worse++;
    if (!was && is) better++;
  }
  const n = worse + better;
  if (!n) return { paired, worse, better, p: 1 };
  // P(X ≤ min) for X ~ Binomial(n, ½), in log space so n in the thousands stays exact enough.
  const lnC = (k: number) => lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
  let tail = 0;
  for (let k = 0; k <= Math.min(worse, better); k++) tail += Math.exp(lnC(k) - n * Math.LN2);
  return { paired, worse, better, p: Math.min(1, 2 * tail) };
}

/** ln Γ(x) by the Lanczos approximation (g = 7), accurate to ~1e-13 for x > 0. */
function lgamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
