import { PRECISION } from './calibrate-fit.js';

/**
 * The proposal threshold: the confidence at or above which the interview proposes a level outright. Issue 11
 * asks for the confidence at which ≥ 90 % of proposals are right on the development split; a point estimate
 * of that precision on one or two lines is luck (2026-12-03: one refit's threshold jumped 0.81 → 0.92 on two
 * lines, and almost nothing was proposed), so the rule below asks for enough proposals and a lower bound.
 */
export type Point = { confidence: number; right: boolean; weight: number };

/** The points by falling confidence: at each distinct confidence, how many lie at or above it and their precision. */
type Cut = { confidence: number; n: number; right: number; precision: number };

function precisionCurve(points: ReadonlyArray<Point>): Cut[] {
  let w = 0, wr = 0, right = 0;
  const sorted = [...points].sort((a, b) => b.confidence - a.confidence);
  const out: Cut[] = [];
  sorted.forEach((p, i) => {
    w += p.weight; wr += p.right ? p.weight : 0; right += p.right ? 1 : 0;
    // A threshold takes all points of one confidence or none: only the last of a tie is a place to cut.
    if (sorted[i + 1]?.confidence !== p.confidence) {
      out.push({ confidence: p.confidence, n: i + 1, right, precision: wr / w });
    }
  });
  return out;
}

/**
 * The lowest confidence above which proposals are right at least PRECISION of the time (weighted), 1 when
 * no such confidence exists (then nothing is proposed outright).
 */
export function proposalThreshold(points: ReadonlyArray<Point>): number {
  return precisionCurve(points).reduce((t, c) => (c.precision >= PRECISION ? c.confidence : t), 1);
}

/** Proposals a threshold must leave above it: fewer would make its precision one or two lines' luck. */
export const MIN_SUPPORT = 10;

/** The confidence above which at least `minN` points lie and the (weighted) precision is highest; 1 if too few. */
export function bestPrecisionThreshold(points: ReadonlyArray<Point>, minN: number): number {
  let best = { t: 1, precision: -1 };
  for (const c of precisionCurve(points)) {
    if (c.n >= minN && c.precision >= best.precision) best = { t: c.confidence, precision: c.precision };
  }
  return best.t;
}

/** Wilson score lower bound of a proportion `right` of `n` at normal quantile z. */
export function wilsonLower(right: number, n: number, z: number): number {
  if (n === 0) return 0;
  const p = right / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/**
 * The lowest confidence with at least `minN` proposals at or above it whose Wilson lower bound (counts, not
 * weights: the lines of one split weigh the same) reaches `precision`; when none does, the confidence where that
 * bound is highest with at least `minN` proposals (its bound is recorded with the fit, not hidden). 1 if fewer
 * than `minN` points.
 */
export function boundedThreshold(points: ReadonlyArray<Point>, minN: number, z: number, precision = PRECISION):
  { threshold: number; bound: number } {
  let lowest: { threshold: number; bound: number } | null = null;
  let best = { threshold: 1, bound: 0 };
  for (const c of precisionCurve(points)) {
    if (c.n < minN) continue;
    const bound = wilsonLower(c.right, c.n, z);
    if (bound >= precision) lowest = { threshold: c.confidence, bound };
    if (bound > best.bound) best = { threshold: c.confidence, bound };
  }
  return lowest ?? best;
}
