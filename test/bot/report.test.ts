import { describe, expect, it } from 'vitest';
import { buildReport, type ReportSubject } from '../../bot/report.js';
import { loadRubric } from '../../knowledge/load.js';
import type { IndicatorId, Level } from '../../knowledge/types.js';
import { ALL, finished } from '../report/helpers.js';

const rubric = loadRubric();
const every = (level: Level, except: Partial<Record<IndicatorId, Level>> = {}) => Object.fromEntries(ALL.map((id) => [id, except[id] ?? level])) as Record<IndicatorId, Level>;

describe('the report model', () => {
  it('says who and when, and what it was made with', () => {
    const r = buildReport(rubric, finished({ '1.1': 3 }), { client: ' 某乳业 ', respondents: [{ name: '王店长', role: '门店运营' }], wave: '2026', date: '2026-12-01' });
    expect(r.meta).toMatchObject({ client: '某乳业', date: '2026-12-01', wave: '2026', respondents: [{ name: '王店长', role: '门店运营' }] });
    expect(r.meta.versions.app).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.meta.versions.rubric).toMatch(/^[0-9a-f]{16}$/);
    expect(r.meta.versions.whitepaper).toBe(rubric.source.sha256.slice(0, 16));
    expect(r.meta.versions.scorer).toBe('offline');
  });

  it('marks a digit as self-rated with no confidence claimed, and words with a band', () => {
    const r = buildReport(rubric, finished({ '1.1': 2, '1.2': { level: 3, words: '平时够用，扩容要提前规划' } }));
    const [a, b] = r.pillars[0]!.indicators;
    expect(a).toMatchObject({ selfRated: true, band: null, evidence: { answer: '' } });
    expect(a!.evidence.descriptor).toBe(rubric.pillars[0]!.indicators[0]!.levels[1]!.text);
    expect(b).toMatchObject({ selfRated: false, band: 'high', evidence: { answer: '平时够用，扩容要提前规划' } });
    expect(b!.evidence.descriptorEn).toMatch(/^Computing and network capacity/);
  });

  it('lists every strength and every gap, ties included', () => {
    const r = buildReport(rubric, finished({ '1.1': 3, '2.1': 3, '3.1': 3, '4.1': 3, '5.2': 2 }, { queue: ['1.1', '2.1', '3.1', '4.1', '5.2'] }));
    expect(r.strengths.map((s) => s.id)).toEqual(['1.1', '2.1', '3.1', '4.1']);
    expect(r.gaps.map((s) => s.id)).toEqual(['5.2']);
    const high = buildReport(rubric, finished(every(4, { '1.3': 5, '2.2': 5 })));
    expect(high.strengths).toHaveLength(25);
    expect(high.gaps.map((g) => g.level)).toEqual(Array(23).fill(4));
  });

  it('gives a mature client whose only gap is 5.2 a pillar-5 solution (库存平衡中心方案 for retail), without the cloud row', () => {
    const r = buildReport(rubric, finished(every(5, { '5.2': 4 }), { elements: ['retail'] }));
    expect(r.recommendations.map((x) => x.name)).toContain('库存平衡中心方案');
    expect(r.recommendations.every((x) => x.pillar === 5)).toBe(true);
    expect(r.recommendations[0]!.because).toEqual({ indicator: '5.2', level: 4 });
    expect(r.roadmap).toEqual([expect.objectContaining({ indicator: '5.2', from: 4, to: 5, phase: 'now' })]);
  });

  it('puts the cross-element cloud row only where pillar 1 is weak, and ranks the weakest pillar first', () => {
    const strong1 = buildReport(rubric, finished(every(4, { '3.1': 2, '3.2': 2 }), { elements: ['retail'] }));
    expect(strong1.recommendations.some((x) => x.element === 'all')).toBe(false);
    expect(strong1.recommendations[0]).toMatchObject({ pillar: 3, element: 'retail', rank: 1 });
    const weak1 = buildReport(rubric, finished(every(4, { '1.1': 1, '3.1': 2 }), { elements: ['retail'] }));
    expect(weak1.recommendations[0]).toMatchObject({ pillar: 1, element: 'all', name: '全面上云' });
    expect(weak1.recommendations.some((x) => x.pillar === 3 && x.name === '零售中台方案')).toBe(true);
  });

  it('never ignores the weakest indicator: another element’s cell when the focus elements have none there', () => {
    // 品牌 has no pillar-5 cell in the matrix; the weakest indicator is 5.4.
    const r = buildReport(rubric, finished(every(4, { '5.4': 2 }), { elements: ['brand'] }));
    expect(r.recommendations.length).toBeGreaterThan(0);
    expect(r.recommendations.every((x) => x.pillar === 5 && !x.focus)).toBe(true);
  });

  it('phases the roadmap now / next / later, foundations first', () => {
    const r = buildReport(rubric, finished({ '1.1': 2, '4.1': 1, '2.1': 3, '5.2': 3, '3.1': 4 }, { queue: ['1.1', '2.1', '3.1', '4.1', '5.2'] }));
    expect(r.roadmap.map((s) => [s.phase, s.indicator])).toEqual([
      ['now', '1.1'], ['next', '2.1'], ['next', '4.1'], ['later', '3.1'], ['later', '5.2'],
    ]);
    expect(r.roadmap[0]).toMatchObject({ from: 2, to: 3, toLabel: '浅层应用' });
    expect(r.roadmap[0]!.actionEn).toMatch(/core business data/);
  });

  it('shows an unassessed pillar as a gap (null), not 0', () => {
    const r = buildReport(rubric, finished({ '1.1': 3 }, { queue: ['1.1', '2.1'] }));
    expect(r.chart.axes.map((a) => a.value)).toEqual([3, null, null, null, null]);
    expect(r.unanswered).toEqual([]);
    expect(r.skipped.map((s) => s.id)).toEqual(['2.1']);
  });

  it('takes a subject that is not a session (the seam for team aggregates)', () => {
    const subject: ReportSubject = { answers: { '4.1': { level: 2, confidence: 0.7, via: 'confirmed', evidence: { answer: '各部门各管各的', descriptor: '' } } }, elements: [], queue: [], skipped: [], complete: false };
    const r = buildReport(rubric, subject, { respondents: [{ role: 'IT' }, { role: '门店' }] });
    expect(r.total).toBe(25);
    expect(r.pillars[3]!.score).toBe(2);
    expect(r.meta.respondents).toHaveLength(2);
  });
});
