import { describe, expect, it } from 'vitest';
import { aggregate, compare, medianOf } from '../../../bot/team/aggregate.js';
import type { IndicatorId, Level } from '../../../knowledge/types.js';
import type { RespondentLevels } from '../../../bot/team/types.js';

// Seven respondents: IT ×3, 门店 ×3, 财务 ×1 (below k = 3, so it folds into 其他).
const rows: Array<[string, string, Partial<Record<IndicatorId, Level>>]> = [
  ['a1', 'IT', { '1.1': 4, '1.2': 3, '2.1': 2 }],
  ['a2', 'IT', { '1.1': 4, '1.2': 3, '2.1': 2 }],
  ['a3', 'IT', { '1.1': 5, '1.2': 2 }],
  ['b1', '门店', { '1.1': 2, '1.2': 3, '2.1': 1 }],
  ['b2', '门店', { '1.1': 2, '1.2': 4, '2.1': 3 }],
  ['b3', '门店', { '1.1': 1, '1.2': 3, '2.1': 2 }],
  ['c1', '财务', { '1.1': 3, '1.2': 3, '2.1': 2 }],
];
const team: RespondentLevels[] = rows.map(([key, role, levels]) => ({
  key, role, levels,
  quotes: Object.fromEntries(Object.keys(levels).map((id) => [id, `${key} on ${id}`])),
}));
const ids: IndicatorId[] = ['1.1', '1.2', '2.1'];

describe('aggregate', () => {
  const agg = aggregate(team, { indicators: ids, minGroup: 3, seed: 7 });

  it('computes n, median, mean, sd, histogram, min–max per indicator (hand-computed)', () => {
    const a = agg.indicators['1.1']!;
    // 1,2,2,3,4,4,5: median 3, mean 3, squared deviations 4+1+1+0+1+1+4 = 12, /6 → sd √2
    expect(a).toMatchObject({ n: 7, median: 3, mean: 3, histogram: [1, 2, 1, 2, 1], min: 1, max: 5, disagreement: true });
    expect(a.sd).toBeCloseTo(Math.SQRT2, 10);
    const c = agg.indicators['2.1']!;
    // a3 did not answer: 1,2,2,2,2,3 → median 2, mean 2, sd √(2/5)
    expect(c).toMatchObject({ n: 6, median: 2, mean: 2, histogram: [1, 4, 1, 0, 0], min: 1, max: 3 });
    expect(c.sd).toBeCloseTo(Math.sqrt(0.4), 10);
  });

  it('shows per-role medians only for groups of at least k; smaller roles fold into 其他', () => {
    expect(agg.indicators['1.1']!.byRole).toEqual({ IT: { n: 3, median: 4 }, 门店: { n: 3, median: 2 } });
    // On 2.1 IT has only two answers: they fold with 财务 into 其他 (three answers, median 2).
    expect(agg.indicators['2.1']!.byRole).toEqual({ 门店: { n: 3, median: 2 }, 其他: { n: 3, median: 2 } });
    expect(agg.respondents).toEqual({ total: 7, byRole: { IT: 3, 门店: 3 } });
    const strict = aggregate(team, { indicators: ids, minGroup: 4 });
    expect(strict.indicators['1.1']!.byRole).toEqual({ 其他: { n: 7, median: 3 } });
    expect(aggregate(team, { indicators: ids, minGroup: 8 }).indicators['1.1']!.byRole).toEqual({});
  });

  it('flags disagreement only for a range of two levels among three or more', () => {
    const two = aggregate(team.slice(0, 2).concat(team[5]!).slice(1), { indicators: ['1.1'], minGroup: 3 });
    expect(two.indicators['1.1']).toMatchObject({ n: 2, min: 1, max: 4, disagreement: false });
    const narrow = aggregate(team.slice(0, 3), { indicators: ['1.1'], minGroup: 3 });
    expect(narrow.indicators['1.1']).toMatchObject({ n: 3, min: 4, max: 5, disagreement: false });
  });

  it('scores pillars as the mean of indicator medians, overall as the mean of pillars', () => {
    expect(agg.pillars[1]!.score).toBe(3);
    expect(agg.pillars[2]!.score).toBe(2);
    expect(agg.overall).toBe(2.5);
  });

  it('gives a seeded 90 % bootstrap interval that contains the score and does not depend on input order', () => {
    const [lo, hi] = agg.pillars[1]!.interval!;
    expect(lo).toBeLessThanOrEqual(3);
    expect(hi).toBeGreaterThanOrEqual(3);
    expect(hi).toBeGreaterThan(lo);
    const again = aggregate([...team].reverse(), { indicators: ids, minGroup: 3, seed: 7 });
    expect(again.pillars).toEqual(agg.pillars);
    const same: RespondentLevels[] = Array.from({ length: 5 }, (_, i) => ({ key: `s${i}`, role: 'IT', levels: { '1.1': 3 } }));
    expect(aggregate(same, { indicators: ['1.1'], minGroup: 3 }).pillars[1]!.interval).toEqual([3, 3]);
    // A hundred times the respondents, the same spread: a narrower interval.
    const many = Array.from({ length: 100 }, (_, n) => team.map((r) => ({ ...r, key: `${r.key}-${n}` }))).flat();
    const [mlo, mhi] = aggregate(many, { indicators: ids, minGroup: 3, seed: 7 }).pillars[1]!.interval!;
    expect(mhi - mlo).toBeLessThan(hi - lo);
  });

  it('ranks hot spots by low median × spread, with the role medians and one quote per role', () => {
    // 1.1: (6−3)·√2 ≈ 4.24; 2.1: (6−2)·√0.4 ≈ 2.53; 1.2 (2,3,3,3,3,3,4): (6−3)·√(1/3) ≈ 1.73
    expect(agg.hotspots.map((h) => h.indicator)).toEqual(['1.1', '2.1', '1.2']);
    const h = agg.hotspots[0]!;
    expect(h.roles).toEqual([{ role: 'IT', median: 4 }, { role: '门店', median: 2 }]);
    expect(h.quotes).toEqual([{ role: 'IT', level: 4, text: 'a1 on 1.1' }, { role: '门店', level: 2, text: 'b1 on 1.1' }]);
    // 财务's single voice is never quoted under its own name.
    expect(JSON.stringify(agg.hotspots)).not.toContain('财务');
  });

  it('compares waves over the indicators both measured', () => {
    const wave2 = team.map((r) => ({ ...r, levels: { '1.1': 5 as Level, '1.2': r.levels['1.2']! } }));
    const cmp = compare(agg, aggregate(wave2, { indicators: ids, minGroup: 3, seed: 7 }));
    // 1.1: 3 → 5, delta 2 > max(√2, 0); 1.2 unchanged; 2.1 not measured in wave 2.
    expect(cmp.indicators['1.1']).toEqual({ from: 3, to: 5, delta: 2, exceedsSpread: true });
    expect(cmp.indicators['1.2']).toEqual({ from: 3, to: 3, delta: 0, exceedsSpread: false });
    expect(cmp.indicators['2.1']).toBeUndefined();
    expect(cmp.pillars[1]).toMatchObject({ from: 3, to: 4, delta: 1 });
    expect(cmp.pillars[2]).toBeUndefined();
  });

  it('handles an empty campaign', () => {
    const empty = aggregate([], { indicators: ids, minGroup: 3 });
    expect(empty.overall).toBeNull();
    expect(empty.indicators['1.1']).toMatchObject({ n: 0, median: null, disagreement: false });
    expect(empty.pillars[1]).toEqual({ score: null, interval: null, indicators: [] });
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(medianOf([1, 2, 4, 5])).toBe(3);
    const even = aggregate(team.slice(0, 4), { indicators: ['1.1'], minGroup: 3 });
    expect(even.indicators['1.1']!.median).toBe(4); // 2,4,4,5
  });
});
