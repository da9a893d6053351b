import { describe, expect, it } from 'vitest';
import { bootstrap, ece, eceFloor, mcnemar } from '../../evals/stats.js';
import { breakdowns, headline, type Scored } from '../../evals/figures.js';
import { PROPOSAL_CONFIDENCE } from '../../bot/interview/scorer.js';

describe('eval statistics', () => {
  it('ECE is 0 when confidence matches accuracy and the gap when it does not', () => {
    const half = [{ confidence: 0.55, right: true }, { confidence: 0.55, right: false }];
    expect(ece(half)).toBeCloseTo(0.05);
    expect(ece([{ confidence: 0.95, right: false }, { confidence: 0.15, right: false }])).toBeCloseTo((0.95 + 0.15) / 2);
    expect(ece([{ confidence: 1, right: true }])).toBe(0);
  });

  it('the ECE floor is what a calibrated confidence shows by chance: shrinking with size, 0 for certainty', () => {
    // Certain confidences are always drawn as they say: no gap at any size.
    expect(eceFloor([1, 0, 1, 0])).toBe(0);
    const spread = (n: number) => Array.from({ length: n }, (_, i) => 0.3 + 0.6 * (i / n));
    const small = eceFloor(spread(50));
    const large = eceFloor(spread(2000), 200);
    expect(eceFloor(spread(50))).toBe(small);
    // About 0.8·√(p(1−p)/n) per bin: several points on 50 lines spread over six bins, under one on 2000.
    expect(small).toBeGreaterThan(0.05);
    expect(small).toBeLessThan(0.2);
    expect(large).toBeLessThan(0.03);
  });

  it('bootstrap intervals are reproducible and contain the figure', () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 0 : 1));
    const mean = (s: number[]) => s.reduce((a, b) => a + b, 0) / s.length;
    const [lo, hi] = bootstrap(xs, mean);
    expect(bootstrap(xs, mean)).toEqual([lo, hi]);
    expect(lo).toBeLessThan(0.75);
    expect(hi).toBeGreaterThan(0.75);
    expect(hi - lo).toBeGreaterThan(0.05);
    expect(hi - lo).toBeLessThan(0.2);
  });

  it('McNemar counts discordant lines and gives the exact two-sided p', () => {
    const before = { a: true, b: true, c: false, d: false, e: true };
    const now = { a: false, b: true, c: true, d: false, f: true };
    expect(mcnemar(before, now)).toEqual({ paired: 4, worse: 1, better: 1, p: 1 });
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, true]));
    const none = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, false]));
    // 12 of 12 discordant lines one way: p = 2 · 0.5^12.
    expect(mcnemar(many, none).p).toBeCloseTo(2 / 4096, 8);
  });

  it('headline figures and breakdowns of a scored set', () => {
    const row = (id: string, gold: number | null, predicted: number | null, confidence: number, lang = 'zh', tags: string[] = []): Scored =>
      ({ id, split: 's', indicator: '4.1', lang, tags, gold, predicted, confidence });
    // Confidences relative to the fitted threshold: above it, exactly at it (a proposal), and below it.
    const above = (1 + PROPOSAL_CONFIDENCE) / 2, at = PROPOSAL_CONFIDENCE, below = PROPOSAL_CONFIDENCE / 2;
    const xs = [row('1', 3, 3, above), row('2', 3, 4, at), row('3', 2, 2, below), row('4', null, null, 0),
      row('5', 5, 5, above, 'en', ['negation'])];
    const h = headline(xs);
    expect(h).toMatchObject({ exact: 0.75, within1: 1, proposal_rate: 0.75, offtopic_rejection: 1 });
    expect(h.proposal_precision).toBeCloseTo(2 / 3);
    const b = breakdowns([...xs, ...xs.map((x) => ({ ...x, id: x.id + 'b' })), ...xs.map((x) => ({ ...x, id: x.id + 'c' }))]);
    expect(b.figures['pillar_4.exact']).toBe(0.75);
    expect(b.counts['lang_zh.exact']).toBe(9);
    expect(b.figures['tag_negation.exact']).toBeUndefined(); // 3 lines: below the smallest gated group
  });
});
