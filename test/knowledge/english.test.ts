import { describe, expect, it } from 'vitest';
import { en, loadEnglish } from '../../knowledge/english.js';
import { allIndicators, loadRubric } from '../../knowledge/load.js';

describe('English texts (knowledge/data/en)', () => {
  const rubric = loadRubric();
  const e = loadEnglish();

  it('has a description, five descriptors and five gists for every indicator', () => {
    for (const ind of allIndicators(rubric)) {
      expect(e.indicators[ind.id], ind.id).toBeDefined();
      for (const l of ind.levels) {
        const t = en.level(ind.id, l.level);
        expect(t.text.length, `${ind.id} L${l.level}`).toBeGreaterThan(20);
        expect(t.gist.length).toBeLessThan(t.text.length);
      }
    }
    expect(Object.keys(e.indicators).sort()).toEqual(allIndicators(rubric).map((i) => i.id).sort());
  });

  it('names every solution of the matrix and the cross-element row', () => {
    const names = new Set([...rubric.solutions.map((s) => s.name), ...rubric.crossElement.names]);
    for (const n of names) expect(e.solutions[n], n).toBeTruthy();
    expect(Object.keys(e.solutions).filter((k) => !names.has(k))).toEqual([]);
  });

  it('translates every bottleneck, capability direction and case title, and all five notes', () => {
    for (const el of rubric.elements) {
      expect(e.elements[el.id]!.bottlenecks).toHaveLength(el.bottlenecks.length);
      expect(e.elements[el.id]!.directions).toHaveLength(el.directions.length);
    }
    for (const c of rubric.cases) expect(en.caseTitle(c.id)).toBeTruthy();
    for (const p of rubric.pillars) expect(en.note(p.id)).toMatch(/^[A-Z][a-z]+$/);
  });
});
