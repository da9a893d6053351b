import { describe, expect, it } from 'vitest';
import { dedupeOverlaps, DEFAULT_FUSION, fuse, fusionFor, INDICATOR_CAP, liftIndicators, LONG_QUESTION_UNITS, spreadIndicators, matchesFilter, MAX_QUERY_CHARS, prepareQuery, QueryError } from '../../retrieval/hybrid.js';
import type { Fusion } from '../../retrieval/hybrid.js';
import type { Passage } from '../../retrieval/types.js';

describe('query hygiene', () => {
  it('rejects empty and whitespace-only queries', () => {
    expect(() => prepareQuery('')).toThrow(QueryError);
    expect(() => prepareQuery('  \n\t ')).toThrow(/empty/);
    expect(() => prepareQuery(undefined)).toThrow(/must be a string/);
  });

  it('truncates a huge query with a note', () => {
    const { text, notes } = prepareQuery('数'.repeat(100_000));
    expect(text.length).toBe(MAX_QUERY_CHARS);
    expect(notes[0]).toMatch(/truncated from 100000 to 2000/);
  });

  it('strips control characters and lone surrogates', () => {
    expect(prepareQuery('a\u0000b\ud800c').text).toBe('a b c');
  });
});

describe('filters', () => {
  const lvl: Passage = { id: 'lvl:4.3:2', text: 'x', source: { section: '运营数据化', pillar: 4, indicator: '4.3', level: 2 } };
  const bn: Passage = { id: 'bn:retail:1', text: 'x', source: { section: '零售数智化', element: 'retail' } };
  it('filters by pillar, indicator, element and kind', () => {
    expect(matchesFilter(lvl, { pillar: 4 })).toBe(true);
    expect(matchesFilter(lvl, { pillar: 3 })).toBe(false);
    expect(matchesFilter(lvl, { indicator: '4.3', kinds: ['lvl:'] })).toBe(true);
    expect(matchesFilter(bn, { element: 'retail' })).toBe(true);
    expect(matchesFilter(bn, { element: 'retail', kinds: ['sol:'] })).toBe(false);
    expect(matchesFilter(bn, undefined)).toBe(true);
  });
});

describe('fusion and de-duplication', () => {
  it('linear fusion stays within 0..1 and ignores negative cosine', () => {
    const f = fuse([0, 1], [1, 0], [-0.5, 1], { kind: 'linear', alpha: 0.5 });
    expect(f.get(0)).toBeCloseTo(0.5);
    expect(f.get(1)).toBeCloseTo(0.5);
  });

  it('RRF output is scaled by evidence, so a pool of weak matches scores low', () => {
    const f = fuse([0, 1], [0.05, 0.01], [0.02, 0.04], { kind: 'rrf', k: 60, bm25Weight: 1, denseWeight: 1 });
    expect(Math.max(...f.values())).toBeLessThan(0.1);
  });

  it('drops a prose chunk next to a better-ranked chunk of the same section', () => {
    const ids = ['sec:a:2', 'sec:a:3', 'lvl:1.1:1', 'sec:a:5', 'sec:b:3', 'user:x.md:1', 'user:x.md:2'];
    expect(dedupeOverlaps(ids.map((id) => ({ id }))).map((h) => h.id)).toEqual(['sec:a:2', 'lvl:1.1:1', 'sec:a:5', 'sec:b:3', 'user:x.md:1']);
  });
});

describe('indicator lift', () => {
  const ps = [{ id: 'lvl:1.5:4' }, { id: 'ind:1.5' }, { id: 'lvl:2.3:2' }, { id: 'ind:2.3' }, { id: 'sol:1:retail' }];
  const indexOf = (id: string) => { const i = ps.findIndex((p) => p.id === id); return i < 0 ? undefined : i; };

  it('puts an indicator just behind its best level passage, even when it was no candidate', () => {
    const out = liftIndicators(new Map([[0, 0.8], [2, 0.5], [4, 0.7]]), ps, indexOf, 0.9);
    expect(out.get(1)).toBeCloseTo(0.72);
    expect(out.get(3)).toBeCloseTo(0.45);
    const order = [...out].sort((a, b) => b[1] - a[1]).map(([i]) => ps[i]!.id);
    expect(order.slice(0, 3)).toEqual(['lvl:1.5:4', 'ind:1.5', 'sol:1:retail']);
  });

  it('never lowers an indicator that already ranks higher, and skips what the filter hides', () => {
    const out = liftIndicators(new Map([[0, 0.5], [1, 0.9]]), ps, indexOf, 0.9);
    expect(out.get(1)).toBe(0.9);
    const hidden = liftIndicators(new Map([[2, 0.5]]), ps, (id) => (id === 'ind:2.3' ? undefined : indexOf(id)), 0.9);
    expect(hidden.has(3)).toBe(false);
  });
});

describe('fusion for long questions', () => {
  it('weighs BM25 more from LONG_QUESTION_UNITS on, and keeps the default below', () => {
    expect(fusionFor(LONG_QUESTION_UNITS - 1)).toEqual(DEFAULT_FUSION);
    const long = fusionFor(LONG_QUESTION_UNITS);
    expect(long.kind).toBe('linear');
    expect(DEFAULT_FUSION.kind).toBe('linear');
    if (long.kind === 'linear' && DEFAULT_FUSION.kind === 'linear') expect(long.alpha).toBeGreaterThan(DEFAULT_FUSION.alpha);
  });

  it('ranks a focused BM25 match above a diffuse dense neighbour for a long question only', () => {
    // Passage 0: strong BM25, weak dense; passage 1: weaker BM25, strong dense.
    const bm25 = [0.8, 0.5];
    const dense = [0.1, 0.9];
    const order = (f: Fusion) => { const m = fuse([0, 1], bm25, dense, f); return m.get(0)! > m.get(1)! ? 0 : 1; };
    expect(order(fusionFor(5))).toBe(1);
    expect(order(fusionFor(40))).toBe(0);
  });
});

describe('no indicator crowds the ranking', () => {
  it('moves an indicator\'s passages past the cap behind the other candidates, keeping their order', () => {
    const ids = ['lvl:5.4:4', 'ind:5.4', 'lvl:5.4:2', 'lvl:5.4:1', 'lvl:5.4:5', 'dir:logistics', 'sol:3:logistics'];
    const order = spreadIndicators(ids.map((_, i) => i), (i) => ids[i]!, 3).map((i) => ids[i]);
    expect(order).toEqual(['lvl:5.4:4', 'ind:5.4', 'lvl:5.4:2', 'dir:logistics', 'sol:3:logistics', 'lvl:5.4:1', 'lvl:5.4:5']);
    expect(INDICATOR_CAP).toBeGreaterThanOrEqual(2);
  });

  it('leaves a ranking of one indicator, or of no indicator, as it is', () => {
    const one = ['ind:1.2', 'lvl:1.2:1', 'lvl:1.2:2', 'lvl:1.2:3', 'lvl:1.2:4'];
    expect(spreadIndicators([0, 1, 2, 3, 4], (i) => one[i]!, 3)).toEqual([0, 1, 2, 3, 4]);
    const none = ['sec:a:1', 'case:2', 'sol:1:all'];
    expect(spreadIndicators([0, 1, 2], (i) => none[i]!, 1)).toEqual([0, 1, 2]);
  });
});
