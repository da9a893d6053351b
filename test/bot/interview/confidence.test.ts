import { describe, expect, it } from 'vitest';
import { answerLength, CALIBRATION, calibratedConfidence, CalibrationSchema, confidenceBand, followupPair, levelProbabilities, loadCalibration } from '../../../bot/interview/confidence.js';
import { PROPOSAL_CONFIDENCE } from '../../../bot/interview/scorer.js';

describe('the proposal confidence', () => {
  it('is loaded from data fitted on development data only, with how it was fitted', () => {
    const cal = loadCalibration();
    expect(CalibrationSchema.safeParse(cal).success).toBe(true);
    expect(cal.fitted.on.join(' ')).not.toMatch(/scoring-test/);
    expect(cal.fitted.how).toMatch(/never the sealed test split/i);
    expect(PROPOSAL_CONFIDENCE).toBe(cal.threshold);
    expect(cal.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('bands a confidence: high where the interview proposes, low below medium', () => {
    expect(confidenceBand(CALIBRATION.threshold)).toBe('high');
    expect(confidenceBand(CALIBRATION.threshold - 0.001)).toBe(CALIBRATION.medium < CALIBRATION.threshold ? 'medium' : 'low');
    expect(confidenceBand(Math.max(0, CALIBRATION.medium - 0.01))).toBe('low');
    expect(confidenceBand(1)).toBe('high');
    expect(confidenceBand(0)).toBe('low');
  });

  it('rises with the share and with familiarity', () => {
    expect(calibratedConfidence(0.9, 0.3)).toBeGreaterThan(calibratedConfidence(0.5, 0.3));
    expect(calibratedConfidence(0.7, 0.4)).toBeGreaterThan(calibratedConfidence(0.7, 0.02));
    const p = levelProbabilities([1, 2, 3, 0, 0]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(p.indexOf(Math.max(...p))).toBe(2);
  });

  it('never falls with the share or with familiarity, at any length the feature allows (the stored fit)', () => {
    // The product relies on it: a surer or more familiar answer must never read as less sure. Any refit of
    // knowledge/data/calibration.json that breaks it (as the 14:22 one did for short answers) fails here.
    const cal = loadCalibration();
    const shares = Array.from({ length: 41 }, (_, i) => 0.2 + (0.799 * i) / 40);
    const fams = Array.from({ length: 21 }, (_, i) => i / 20);
    const lengths = [20, 30, 50, 80, 120, 200, 300, 400, 500];
    for (const chars of lengths) {
      for (const fam of fams) {
        const byShare = shares.map((s) => calibratedConfidence(s, fam, chars, cal));
        byShare.slice(1).forEach((c, i) => expect(c).toBeGreaterThanOrEqual(byShare[i]!));
      }
      for (const share of shares) {
        const byFam = fams.map((f) => calibratedConfidence(share, f, chars, cal));
        byFam.slice(1).forEach((c, i) => expect(c).toBeGreaterThanOrEqual(byFam[i]!));
      }
    }
    // The slopes are linear in L, so the ends of the range decide: a + e·L ≥ 0 and b + f·L ≥ 0 at both.
    const { a, b, e, f } = cal.platt;
    for (const L of [Math.log(21), Math.log(501)]) {
      expect(a + e * L).toBeGreaterThanOrEqual(0);
      expect(b + f * L).toBeGreaterThanOrEqual(0);
    }
  });

  it('reads length the same in both languages, within the range it was fitted on', () => {
    const zh = '门店下单、会员、配送都在线上能走通，就是订奶卡还是纸的';
    const en = 'Store ordering, membership and delivery all run online; only the milk-card subscriptions are still on paper.';
    expect(answerLength(en) / answerLength(zh)).toBeGreaterThan(0.7);
    expect(answerLength(en) / answerLength(zh)).toBeLessThan(1.5);
    // Shorter than 20 or longer than 500 reads as 20 or 500: no extrapolation into certainty or nothing.
    expect(calibratedConfidence(0.6, 0.2, 3)).toBe(calibratedConfidence(0.6, 0.2, 20));
    expect(calibratedConfidence(0.6, 0.2, 5000)).toBe(calibratedConfidence(0.6, 0.2, 500));
    expect(calibratedConfidence(0.6, 0.2, 5000)).toBeGreaterThan(0);
  });

  it('follows up between two adjacent levels only, never "3 or 5"', () => {
    const c = (order: number[]) => order.map((level, i) => ({ level: level as 1 | 2 | 3 | 4 | 5, score: 10 - i }));
    expect(followupPair(c([3, 5, 4, 2, 1]))).toEqual([3, 4]);
    expect(followupPair(c([3, 5, 2, 4, 1]))).toEqual([2, 3]);
    expect(followupPair(c([1, 5, 3, 4, 2]))).toEqual([1, 2]);
    expect(followupPair(c([5, 1, 2, 3, 4]))).toEqual([4, 5]);
  });
});
