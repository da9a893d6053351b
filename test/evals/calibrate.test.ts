import { describe, expect, it } from 'vitest';
import { bestPrecisionThreshold, boundedThreshold, fitPlatt, isMonotone, L_RANGE, proposalThreshold, weighted, wilsonLower,
  type PlattRow, type Scored } from '../../evals/calibrate.js';
import { folds } from '../../evals/calibrate-cv.js';
import { calibratedConfidence, loadCalibration, UNCALIBRATED } from '../../bot/interview/confidence.js';

/** Rows drawn from a known Platt model (a deterministic generator, so the test is the same every run). */
function rows(truth: { a: number; b: number; c: number; d: number; e: number; f: number }, n = 3000): PlattRow[] {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, () => {
    const share = 0.2 + 0.79 * rand();
    const logit = Math.log(share / (1 - share));
    const familiarity = rand();
    const L = L_RANGE[0] + (L_RANGE[1] - L_RANGE[0]) * rand();
    const z = truth.a * logit + truth.b * familiarity + truth.c + L * (truth.d + truth.e * logit + truth.f * familiarity);
    return { logit, familiarity, L, y: rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0, w: 1 };
  });
}

const conf = (p: ReturnType<typeof fitPlatt>, share: number, fam: number, chars: number) =>
  calibratedConfidence(share, fam, chars, { ...UNCALIBRATED, platt: p });

describe('the calibration fit', () => {
  it('keeps confidence rising with familiarity even where the data say it falls for short answers', () => {
    // The 14:22 refit's shape: familiarity hurts short answers (b + f·ln 21 < 0) and helps long ones.
    const p = fitPlatt(rows({ a: 4, b: -8.6, c: 3.6, d: -0.8, e: -0.76, f: 2.46 }));
    expect(isMonotone(p)).toBe(true);
    for (const chars of [20, 60, 200, 500]) {
      expect(conf(p, 0.6, 0.5, chars)).toBeGreaterThanOrEqual(conf(p, 0.6, 0.1, chars));
      expect(conf(p, 0.8, 0.3, chars)).toBeGreaterThanOrEqual(conf(p, 0.5, 0.3, chars));
    }
    // And it still learns that familiarity matters for long answers.
    expect(conf(p, 0.6, 0.9, 500)).toBeGreaterThan(conf(p, 0.6, 0.1, 500) + 0.05);
  });

  it('recovers a monotone model when the constraint does not bind', () => {
    const truth = { a: 2, b: 1.5, c: -1, d: 0.1, e: 0.2, f: 0.3 };
    const p = fitPlatt(rows(truth, 6000));
    expect(isMonotone(p)).toBe(true);
    for (const [share, fam, chars] of [[0.3, 0.2, 20], [0.6, 0.5, 100], [0.9, 0.8, 500]] as const) {
      expect(Math.abs(conf(p, share, fam, chars) - conf(truth, share, fam, chars))).toBeLessThan(0.05);
    }
  });

  it('sets the proposal threshold where ≥ 90 % of the proposals above it are right, or never proposes', () => {
    const pt = (confidence: number, right: boolean, weight = 1) => ({ confidence, right, weight });
    // Nine right above 0.7, then a wrong one at 0.6 keeps 9/10 = 0.9, a second wrong at 0.5 breaks it.
    const points = [...Array.from({ length: 9 }, (_, i) => pt(0.9 - i * 0.02, true)), pt(0.6, false), pt(0.5, false)];
    expect(proposalThreshold(points)).toBe(0.6);
    // The most confident answer wrong and too few right after it: no confidence qualifies.
    expect(proposalThreshold([pt(0.95, false), pt(0.9, true), pt(0.8, false)])).toBe(1);
    // Weights count: a heavy wrong answer outweighs light right ones.
    expect(proposalThreshold([pt(0.9, true, 1), pt(0.8, true, 1), pt(0.7, false, 5)])).toBe(0.8);
  });

  it('falls back to the confidence of best precision with enough proposals above it', () => {
    const pt = (confidence: number, right: boolean) => ({ confidence, right, weight: 1 });
    // Two wrong at the top (no 90 % point), then right ones: best precision with ≥ 4 above is at 0.6 (4 of 6).
    const points = [pt(0.95, false), pt(0.9, false), pt(0.8, true), pt(0.7, true), pt(0.65, true), pt(0.6, true), pt(0.5, false)];
    expect(proposalThreshold(points)).toBe(1);
    expect(bestPrecisionThreshold(points, 4)).toBe(0.6);
    // A support above the number of points leaves nothing to propose.
    expect(bestPrecisionThreshold(points, 8)).toBe(1);
    // Only the top few would be luck: with support 1 the single right top answer wins.
    expect(bestPrecisionThreshold([pt(0.9, true), pt(0.8, false)], 1)).toBe(0.9);
  });
});

describe('the threshold rule: enough proposals and a lower bound, not one or two lucky lines', () => {
  const pt = (confidence: number, right: boolean) => ({ confidence, right, weight: 1 });

  it('computes the Wilson lower bound', () => {
    expect(wilsonLower(9, 10, 1.645)).toBeCloseTo(0.6523, 3);
    expect(wilsonLower(25, 25, 1.645)).toBeCloseTo(0.9023, 3);
    expect(wilsonLower(0, 0, 1.645)).toBe(0);
  });

  it('never sets the threshold on two right lines at the top, as the point rule did (0.81 → 0.92)', () => {
    // Two right at the top, then 8 in 10 right below: the point rule cuts at the second line (2 of 2 = 100 %).
    const points = [pt(0.95, true), pt(0.93, true), pt(0.9, false),
      ...Array.from({ length: 30 }, (_, i) => pt(0.88 - i * 0.01, i % 5 !== 0))];
    expect(proposalThreshold(points)).toBe(0.93);
    const { threshold, bound } = boundedThreshold(points, 20, 1.645);
    expect(points.filter((p) => p.confidence >= threshold).length).toBeGreaterThanOrEqual(20);
    expect(bound).toBeLessThan(0.9);
    expect(bound).toBeGreaterThan(wilsonLower(2, 2, 1.645));
  });

  it('takes the lowest confidence whose bound reaches 90 % when one does', () => {
    // 40 right in a row, then wrong ones: 40 of 40 has a bound of 0.937; adding one wrong (40 of 41) 0.888.
    const points = [...Array.from({ length: 40 }, (_, i) => pt(0.99 - i * 0.005, true)), pt(0.7, false), pt(0.6, false)];
    const r = boundedThreshold(points, 20, 1.645);
    expect(r.threshold).toBeCloseTo(0.99 - 39 * 0.005, 9);
    expect(r.bound).toBeGreaterThanOrEqual(0.9);
    // Too few points for the minimum: nothing is proposed.
    expect(boundedThreshold(points.slice(0, 10), 20, 1.645).threshold).toBe(1);
  });

  it('cuts only between distinct confidences (a tie is proposed whole or not at all)', () => {
    const points = [...Array.from({ length: 20 }, () => pt(0.9, true)), pt(0.8, false), pt(0.8, true)];
    expect(boundedThreshold(points, 21, 1.645).threshold).toBe(0.8);
  });
});

describe('the cross-validated fit', () => {
  const line = (real: boolean, group?: string): Scored => ({ gold: 3, candidates: [1, 2, 3, 4, 5].map((l) => ({ level: l as 1, score: l === 3 ? 1 : 0 })),
    familiarity: 0.5, weight: 1, real, length: 40, ...(group ? { group } : {}) });

  it('never puts one source in two folds, and uses them all', () => {
    const scored = Array.from({ length: 60 }, (_, i) => line(true, `src-${i % 23}`));
    const fold = folds(scored, 5);
    expect(fold.size).toBe(23);
    expect(new Set(fold.values())).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('gives the real lines the share of weight asked for', () => {
    const scored = [...Array.from({ length: 90 }, () => line(false)), ...Array.from({ length: 10 }, (_, i) => line(true, `s${i}`))];
    const w = weighted(scored, 0.75);
    const real = w.filter((s) => s.real).reduce((a, s) => a + s.weight, 0);
    expect(real / w.reduce((a, s) => a + s.weight, 0)).toBeCloseTo(0.75, 9);
  });

  it('fits the smaller Platt models monotone too', () => {
    for (const model of ['share', 'familiarity'] as const) {
      const p = fitPlatt(rows({ a: 2, b: 1, c: -1, d: 0, e: 0, f: 0 }), model);
      expect(isMonotone(p)).toBe(true);
      expect(p.d).toBe(0);
      expect(model === 'share' ? p.b : p.a).toBe(model === 'share' ? 0 : p.a);
    }
    expect(fitPlatt(rows({ a: 2, b: 1, c: -1, d: 0, e: 0, f: 0 }), 'temperature')).toEqual({ a: 1, b: 0, c: 0, d: 0, e: 0, f: 0 });
  });

  it('the stored fit records the real lines above its threshold and its out-of-fold figures', () => {
    const { fitted, threshold } = loadCalibration();
    expect(fitted.real!.right).toBeLessThanOrEqual(fitted.real!.proposals);
    expect(fitted.cv!.folds).toBe(5);
    expect(fitted.cv!.answers).toBe(fitted.real!.answers);
    // Stable across folds: no fold's threshold more than 0.1 from the one stored.
    for (const t of fitted.cv!.thresholds) expect(Math.abs(t - threshold)).toBeLessThan(0.1);
  });
});
