import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerLength, CALIBRATION_FILE, CalibrationSchema, calibratedConfidence, lengthFeature, levelProbabilities, UNCALIBRATED, type Calibration } from '../bot/interview/confidence.js';
import { createOfflineScorer, type Scorer } from '../bot/interview/scorer.js';
import { createLevelSimilarity } from '../bot/interview/similarity.js';
import { loadLevelExamples } from '../knowledge/examples.js';
import { loadRubric } from '../knowledge/load.js';
import { createRetriever } from '../retrieval/retriever.js';
import type { IndicatorId, Level } from '../knowledge/types.js';
import { loadScoringCases } from './load.js';

/**
 * Fits the proposal confidence on DEVELOPMENT data only: the synthetic scoring files (each scored with
 * its own answers held out of the examples, as the eval does), the settled answers of knowledge/data/examples
 * (each file held out) and evals/datasets/real/scoring-dev.jsonl.
 * Never the sealed test split. Writes knowledge/data/calibration.json: the softmax temperature that
 * minimises the log-loss of the gold level, the lowest threshold at which ≥ 90 % of proposals are right,
 * and how it was fitted. Run: `npx tsx evals/calibrate.ts [--write]`.
 */
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const REAL_DEV = path.join(ROOT, 'evals', 'datasets', 'real', 'scoring-dev.jsonl');
const PRECISION = 0.9;
export interface Scored { gold: Level; candidates: Array<{ level: Level; score: number }>; familiarity: number; weight: number; real: boolean; length: number;
  /** Which development set: the synthetic files, the settled examples, or the real words' dev split. */
  set?: 'synthetic' | 'examples' | 'real-dev' }

function readReal(file: string): Array<{ id: string; indicator: string; level: Level; answer: string }> {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

export async function scoreDevelopment(): Promise<Scored[]> {
  const rubric = loadRubric();
  const examples = loadLevelExamples();
  // The scorer as the product builds it (bot/index.ts), dense similarity to the level passages included:
  // fitted without it, the shares would not be the product's.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-calibrate-'));
  const retriever = await createRetriever({ rubric, dataDir });
  const scorer = createOfflineScorer(rubric, createLevelSimilarity(rubric, retriever.tokenizer(), true, examples), undefined,
    (answer, ids) => retriever.scorePassages(answer, ids));
  const out: Scored[] = [];
  const held = new Map<string, Scorer>();
  const holding = (source: string) => {
    let s = held.get(source);
    if (!s) held.set(source, (s = scorer.holdingOut!(new Set([source]))));
    return s;
  };
  const push = async (s: Scorer, c: { indicator: string; level: Level; answer: string }, real: boolean, set: Scored['set']) => {
    const r = await s.score(c.indicator as IndicatorId, c.answer);
    if (r.level) out.push({ gold: c.level, candidates: r.candidates, familiarity: r.familiarity ?? 0, weight: 1, real, length: answerLength(c.answer), set });
  };
  // The synthetic eval files, and every settled answer scored with its own file held out of the examples.
  for (const c of loadScoringCases()) if (c.level !== null) await push(holding(c.split), { ...c, level: c.level as Level }, false, 'synthetic');
  for (const e of examples) await push(holding(e.source), e, e.source === 'real', 'examples');
  // Real words' development split: what the scorer meets.
  for (const c of readReal(REAL_DEV)) await push(scorer, c, true, 'real-dev');
  fs.rmSync(dataDir, { recursive: true, force: true });
  // Real and synthetic weigh the same in total.
  const nReal = out.filter((s) => s.real).length;
  const nSyn = out.length - nReal;
  for (const s of out) if (s.real) s.weight = nSyn / Math.max(1, nReal);
  return out;
}

const probsOf = (s: Scored, t: number) => {
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

const logit = (p: number) => { const q = Math.min(1 - 1e-6, Math.max(1e-6, p)); return Math.log(q / (1 - q)); };

/** Weighted logistic regression of "the top level is right" on the given features (and 1), by Newton's method. */
function logistic(rows: Array<{ v: number[]; y: number; w: number }>): number[] {
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
type Platt = Calibration['platt'];

/**
 * The Platt coefficients with confidence non-decreasing in the share and in familiarity over the whole L
 * range (the product relies on it: a surer or more familiar answer never reads as less sure). The slopes
 * a + e·L and b + f·L are linear in L, so they are non-negative on the range iff they are at both ends;
 * the fit is parameterised by those four end slopes (weights (Lhi − L)/ΔL and (L − Llo)/ΔL), each ≥ 0.
 * Log-loss is convex, so the constrained optimum is the best feasible one among the unconstrained fits with
 * each subset of the end slopes pinned at 0 (16 fits): an unconstrained fit made confidence fall with
 * familiarity for short answers (b −8.63, f 2.46).
 */
export function fitPlatt(rows: readonly PlattRow[]): Platt {
  const [lo, hi] = L_RANGE;
  const span = hi - lo;
  const ends = (x: number, L: number) => [x * (hi - L) / span, x * (L - lo) / span];
  // Columns: logit at L lo, logit at L hi, familiarity at lo, familiarity at hi (the four constrained), L; then 1.
  const full = rows.map((r) => ({ v: [...ends(r.logit, r.L), ...ends(r.familiarity, r.L), r.L], y: r.y, w: r.w }));
  let best: { k: number[]; nll: number } | null = null;
  for (let pinned = 0; pinned < 16; pinned++) {
    const keep = [0, 1, 2, 3, 4].filter((i) => i === 4 || !(pinned & (1 << i)));
    const k = logistic(full.map((r) => ({ ...r, v: keep.map((i) => r.v[i]!) })));
    const beta = [0, 0, 0, 0, 0, k[keep.length]!];
    keep.forEach((i, j) => { beta[i] = k[j]!; });
    if (beta.slice(0, 4).some((x) => x < 0) || beta.some((x) => !Number.isFinite(x))) continue;
    const nll = full.reduce((a, r) => {
      const z = r.v.reduce((s, x, i) => s + x * beta[i]!, beta[5]!);
      return a + r.w * (Math.log1p(Math.exp(-Math.abs(z))) + Math.max(0, z) - r.y * z);
    }, 0);
    if (!best || nll < best.nll) best = { k: beta, nll };
  }
  // All four pinned at 0 is always feasible, so best is set.
  const [sLo, sHi, fLo, fHi, d, c] = best!.k as [number, number, number, number, number, number];
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

type Point = { confidence: number; right: boolean; weight: number };

/** The points by falling confidence, each with how many lie at or before it and their weighted precision. */
function precisionCurve(points: ReadonlyArray<Point>): Array<{ confidence: number; n: number; precision: number }> {
  let w = 0, right = 0;
  return [...points].sort((a, b) => b.confidence - a.confidence).map((p, i) => {
    w += p.weight; right += p.right ? p.weight : 0;
    return { confidence: p.confidence, n: i + 1, precision: right / w };
  });
}

/**
 * The lowest confidence above which proposals are right at least PRECISION of the time (weighted), 1 when
 * no such confidence exists (then nothing is proposed outright).
 */
export function proposalThreshold(points: ReadonlyArray<Point>): number {
  return precisionCurve(points).reduce((t, c) => (c.precision >= PRECISION ? c.confidence : t), 1);
}

/** Proposals a fallback threshold must leave above it: fewer would make its precision one or two lines' luck. */
export const MIN_SUPPORT = 10;

/** The confidence above which at least `minN` points lie and the (weighted) precision is highest; 1 if too few. */
export function bestPrecisionThreshold(points: ReadonlyArray<Point>, minN: number): number {
  let best = { t: 1, precision: -1 };
  for (const c of precisionCurve(points)) {
    if (c.n >= minN && c.precision >= best.precision) best = { t: c.confidence, precision: c.precision };
  }
  return best.t;
}

export function fit(scored: Scored[]): Calibration {
  let best = { t: 1, nll: Infinity };
  for (let t = 0.05; t <= 4; t += 0.01) {
    const nll = scored.reduce((a, s) => a - s.weight * Math.log(Math.max(1e-9, probsOf(s, t)[s.gold - 1]!)), 0);
    if (nll < best.nll) best = { t, nll };
  }
  const t = Math.round(best.t * 100) / 100;
  const rows = scored.map((s) => {
    const p = probsOf(s, t);
    const share = Math.max(...p);
    return { logit: logit(share), familiarity: s.familiarity, L: lengthFeature(s.length), y: p.indexOf(share) + 1 === s.gold ? 1 : 0, w: s.weight, share, s };
  });
  const coef = fitPlatt(rows);
  const cal0 = { ...UNCALIBRATED, platt: coef };
  const points = rows.map((r) => ({ confidence: calibratedConfidence(r.share, r.s.familiarity, r.s.length, cal0), right: r.y === 1, weight: r.w }));
  // The threshold must hold on the pooled development data and on the real words' development split alone
  // (issue 11: ≥ 90 % right "on the development split"): synthetic answers dominate the pooled data's
  // high-confidence end, so a threshold set there alone was right 10 times in 15 on real dev.
  // When no confidence reaches 90 % on the real dev split (2026-12-03: its two most confident lines are wrong and
  // precision peaks at 0.75), proposing nothing outright would turn every answer into a follow-up (personas 34 → 52
  // messages); the threshold is then the one of best real-dev precision with at least MIN_SUPPORT proposals above it,
  // and that precision is recorded (realDev), not hidden. Stored to three decimals; every figure below is counted at
  // the stored value.
  const realDev = points.filter((_, i) => rows[i]!.s.set === 'real-dev');
  const realThreshold = proposalThreshold(realDev);
  const pooled = proposalThreshold(points);
  const fallback = bestPrecisionThreshold(realDev, MIN_SUPPORT);
  const threshold = Math.round(Math.max(pooled, realThreshold < 1 ? realThreshold : fallback) * 1000) / 1000;
  const precisionOf = (ps: typeof points) => {
    const above = ps.filter((p) => p.confidence >= threshold);
    const w = above.reduce((a, p) => a + p.weight, 0);
    return { n: above.length, right: above.filter((p) => p.right).length,
      precision: above.reduce((a, p) => a + (p.right ? p.weight : 0), 0) / Math.max(1e-9, w) };
  };
  const precision = precisionOf(points).precision;
  const dev = precisionOf(realDev);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return CalibrationSchema.parse({
    method: 'temperature-platt', temperature: t, platt: coef, threshold, precision: r3(precision), medium: r3(Math.min(threshold, 0.5)),
    fitted: {
      on: ['evals/datasets/scoring/*.jsonl', 'knowledge/data/examples/*.jsonl (each file held out of the examples)', 'evals/datasets/real/scoring-dev.jsonl'],
      answers: scored.length, date: new Date().toISOString().slice(0, 10),
      how: 'the product\'s scorer (dense similarity included); softmax temperature by weighted log-loss of the gold level (grid 0.05–4); then Platt scaling of the chosen level\'s share with the answer\'s familiarity (closest settled answer) and L = ln(1 + length), length = Han characters + 2 per Latin-script word read within 20–500, with L·logit(share) and L·familiarity, weighted logistic regression (Newton) constrained so that confidence never falls with the share or familiarity anywhere in the length range (end slopes ≥ 0); real and synthetic lines weigh the same in total; threshold = lowest confidence with ≥ 90 % weighted precision above it both on all of these and on the real dev split alone, or, when no confidence reaches 90 % on the real dev split, the one of best precision there with at least 10 proposals above it (its precision is in realDev). Never the sealed test split.',
      ece: r3(ece(points)),
      ...(realDev.length ? { realDev: { answers: realDev.length, proposals: dev.n, right: dev.right } } : {}),
    },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const scored = await scoreDevelopment();
  const cal = fit(scored);
  // --dump <file>: the scored development lines, for analysis outside the fit.
  const dump = process.argv.indexOf('--dump');
  if (dump > 0 && process.argv[dump + 1]) fs.writeFileSync(process.argv[dump + 1]!, JSON.stringify(scored));
  console.log(JSON.stringify(cal, null, 2));
  // Real and synthetic as fitted, then the real words' dev split alone (the split most like the sealed one).
  const groups: Array<[string, (s: Scored) => boolean]> = [
    ['real', (s) => s.real], ['synthetic', (s) => !s.real], ['real dev split', (s) => s.set === 'real-dev']];
  for (const [name, which] of groups) {
    const pts = scored.filter(which).map((s) => {
      const p = probsOf(s, cal.temperature);
      const share = Math.max(...p);
      return { confidence: calibratedConfidence(share, s.familiarity, s.length, cal), right: p.indexOf(share) + 1 === s.gold };
    });
    const prop = pts.filter((p) => p.confidence >= cal.threshold);
    console.log(`${name}: n=${pts.length} ece=${ece(pts).toFixed(3)} proposals=${prop.length} right=${prop.filter((p) => p.right).length}`);
  }
  if (process.argv.includes('--write')) fs.writeFileSync(CALIBRATION_FILE, JSON.stringify(cal, null, 2) + '\n');
}
