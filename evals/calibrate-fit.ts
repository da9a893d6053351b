import { lengthFeature, levelProbabilities, type Calibration } from '../bot/interview/confidence.js';
import type { Level } from '../knowledge/types.js';

/**
 * The pure part of the confidence fit (evals/calibrate.ts scores the development data and writes the result;
 * evals/calibrate-cv.ts cross-validates the variants): the softmax temperature, the constrained Platt scaling,
 * and the proposal threshold rule. Nothing here reads a file.
 */
export interface Scored {
  gold: Level; candidates: Array<{ level: Level; score: number }>; familiarity: number; weight: number; real: boolean;
  length: number;
  /** Which development set: the synthetic files, the settled examples, or the real words' dev split. */
  set?: 'synthetic' | 'examples' | 'real-dev';
  /** Where a real line comes from (its source URL): the cross-validation's folds never split a source. */
  group?: string }

export const PRECISION = 0.9;

export const probsOf = (s: Scored, t: number) => {
  const byLevel = [1, 2, 3, 4, 5].map((l) => s.candidates.find((c) => c.level === l)!.score);
  return levelProbabilities(byLevel, t);
};

/** Expected calibration error of the top-level confidence, ten equal-width bins. */
export function ece(points: Array<{ confidence: number; right: boolean; weight?: number }>, bins = 10): number {
  const total = points.reduce((a, p) => a + (p.weight ?? 1), 0);
  let e = 0;
  for (let b = 0; b < bins; b++) {
    const inBin = points.filter((p) => Math.min(bins - 1, Math.floor(p.confidence * bins)) === b);
    const w = inBin.reduce((a, p) => a + (p.weight ?? 1), 0);
    if (!w) continue;
    const acc = inBin.reduce((a, p) => a + (p.right ? p.weight ?? 1 : 0), 0) / w;
    const conf = inBin.reduce((a, p) => a + p.confidence * (p.weight ?? 1), 0) / w;
    e += (w / total) * Math.abs(acc - conf);
  }
  return e;
}

export const logit = (p: number) => { const q = Math.min(1 - 1e-6, Math.max(1e-6, p)); return Math.log(q / (1 - q)); };

/** Weighted logistic regression of "the top level is right" on the given features (and 1), by Newton's method. */
export function logistic(rows: Array<{ v: number[]; y: number; w: number }>): number[] {
  const n = rows[0]!.v.length + 1;
  let beta = new Array<number>(n).fill(0);
  for (let it = 0; it < 60; it++) {
    const g = new Array<number>(n).fill(0);
    const H = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1e-4 : 0)));
    for (const r of rows) {
      const v = [...r.v, 1];
      const p = 1 / (1 + Math.exp(-v.reduce((a, x, i) => a + x * beta[i]!, 0)));
      for (let i = 0; i < n; i++) {
        g[i]! += r.w * (p - r.y) * v[i]!;
        for (let j = 0; j < n; j++) H[i]![j]! += r.w * p * (1 - p) * v[i]! * v[j]!;
      }
    }
    const step = solve(H, g);
    beta = beta.map((b, i) => b - step[i]!);
  }
  return beta;
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]!]);
  for (let i = 0; i < n; i++) {
    const piv = m[i]![i]!;
    for (let j = i; j <= n; j++) m[i]![j]! /= piv;
    for (let k = 0; k < n; k++) if (k !== i) { const f = m[k]![i]!; for (let j = i; j <= n; j++) m[k]![j]! -= f * m[i]![j]!; }
  }
  return m.map((row) => row[n]!);
}

/** The length range the feature allows (lengthFeature clamps to 20–500 characters). */
export const L_RANGE = [lengthFeature(0), lengthFeature(Infinity)] as const;

export interface PlattRow { logit: number; familiarity: number; L: number; y: number; w: number }
export type Platt = Calibration['platt'];

/** Negative log-likelihood of a logistic model (intercept last in beta). */
function nll(rows: ReadonlyArray<{ v: number[]; y: number; w: number }>, beta: readonly number[]): number {
  return rows.reduce((a, r) => {
    const z = r.v.reduce((s, x, i) => s + x * beta[i]!, beta[r.v.length]!);
    return a + r.w * (Math.log1p(Math.exp(-Math.abs(z))) + Math.max(0, z) - r.y * z);
  }, 0);
}

/**
 * Logistic regression with the listed coefficients ≥ 0. Log-loss is convex, so the constrained optimum is the
 * best feasible one among the unconstrained fits with each subset of the constrained coefficients pinned at 0.
 */
type Row = { v: number[]; y: number; w: number };

function constrainedLogistic(rows: Row[], constrained: readonly number[]): number[] {
  const n = rows[0]!.v.length;
  let best: { beta: number[]; nll: number } | null = null;
  for (let pinned = 0; pinned < 1 << constrained.length; pinned++) {
    const off = new Set(constrained.filter((_, j) => pinned & (1 << j)));
    const keep = Array.from({ length: n }, (_, i) => i).filter((i) => !off.has(i));
    const k = logistic(rows.map((r) => ({ ...r, v: keep.map((i) => r.v[i]!) })));
    const beta = new Array<number>(n + 1).fill(0);
    beta[n] = k[keep.length]!;
    keep.forEach((i, j) => { beta[i] = k[j]!; });
    if (constrained.some((i) => beta[i]! < 0) || beta.some((x) => !Number.isFinite(x))) continue;
    const loss = nll(rows, beta);
    if (!best || loss < best.nll) best = { beta, nll: loss };
  }
  // All constrained pinned at 0 is always feasible, so best is set.
  return best!.beta;
}

/**
 * What the Platt scaling reads: nothing (the tempered softmax share is the confidence), the share's logit,
 * the logit and the answer's familiarity, or both with their dependence on the answer's length.
 */
export type PlattModel = 'temperature' | 'share' | 'familiarity' | 'full';

/**
 * The Platt coefficients with confidence non-decreasing in the share and in familiarity over the whole L
 * range (the product relies on it: a surer or more familiar answer never reads as less sure). For 'full' the
 * slopes a + e·L and b + f·L are linear in L, so they are non-negative on the range iff they are at both ends;
 * the fit is parameterised by those four end slopes (weights (Lhi − L)/ΔL and (L − Llo)/ΔL), each ≥ 0: an
 * unconstrained fit made confidence fall with familiarity for short answers (b −8.63, f 2.46).
 */
export function fitPlatt(rows: readonly PlattRow[], model: PlattModel = 'full'): Platt {
  if (model === 'temperature') return { a: 1, b: 0, c: 0, d: 0, e: 0, f: 0 };
  if (model !== 'full') {
    const fam = model === 'familiarity';
    const v = (r: PlattRow) => (fam ? [r.logit, r.familiarity] : [r.logit]);
    const k = constrainedLogistic(rows.map((r) => ({ v: v(r), y: r.y, w: r.w })), fam ? [0, 1] : [0]);
    return monotoneRounded({ a: k[0]!, b: fam ? k[1]! : 0, c: k[fam ? 2 : 1]!, d: 0, e: 0, f: 0 });
  }
  const [lo, hi] = L_RANGE;
  const span = hi - lo;
  const ends = (x: number, L: number) => [x * (hi - L) / span, x * (L - lo) / span];
  // Columns: logit at L lo, logit at L hi, familiarity at lo, familiarity at hi (the four constrained), L; then 1.
  const v = (r: PlattRow) => [...ends(r.logit, r.L), ...ends(r.familiarity, r.L), r.L];
  const k = constrainedLogistic(rows.map((r) => ({ v: v(r), y: r.y, w: r.w })), [0, 1, 2, 3]);
  const [sLo, sHi, fLo, fHi, d, c] = k as [number, number, number, number, number, number];
  // Back to the product's form: slope(L) = s_lo·(hi − L)/ΔL + s_hi·(L − lo)/ΔL = (s_lo·hi − s_hi·lo)/ΔL + L·(s_hi − s_lo)/ΔL.
  return monotoneRounded({
    a: (sLo * hi - sHi * lo) / span, e: (sHi - sLo) / span, b: (fLo * hi - fHi * lo) / span, f: (fHi - fLo) / span, c, d,
  });
}

/** Whether the slopes in share (a + e·L) and familiarity (b + f·L) are ≥ 0 at both ends of the L range. */
export function isMonotone(p: Platt): boolean {
  return L_RANGE.every((L) => p.a + p.e * L >= 0 && p.b + p.f * L >= 0);
}

/** Four decimals, the main effects rounded up where rounding alone would make an end slope a hair negative. */
function monotoneRounded(p: Platt): Platt {
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  const q = { a: r4(p.a), b: r4(p.b), c: r4(p.c), d: r4(p.d), e: r4(p.e), f: r4(p.f) };
  const lift = (main: number, slope: number) => {
    let v = main;
    while (Math.min(...L_RANGE.map((L) => v + slope * L)) < 0) v = r4(v + 0.0001);
    return v;
  };
  q.a = lift(q.a, q.e);
  q.b = lift(q.b, q.f);
  return q;
}
