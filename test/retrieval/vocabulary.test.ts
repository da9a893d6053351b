import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { buildEnglishMap, englishExpansion } from '../../retrieval/vocabulary.js';

const map = buildEnglishMap(loadRubric());

describe('English → Chinese glossary mapping', () => {
  it('maps rubric names and everyday phrases', () => {
    expect(englishExpansion('How mature is our data governance?', map)).toContain('治理与管控');
    expect(englishExpansion('store location solutions', map)).toContain('门店选址');
    expect(englishExpansion('Site selection', map)).toContain('门店选址');
    expect(englishExpansion('disaster recovery plan', map)).toContain('灾备');
    expect(englishExpansion('Business Continuity', map)).toContain('业务连续性');
    expect(englishExpansion('retail bottlenecks', map)).toEqual(expect.stringContaining('零售'));
  });

  it('maps levels by number and by name', () => {
    expect(englishExpansion('what does level 4 look like', map)).toContain('深度掌握');
    expect(englishExpansion('L5 for security', map)).toContain('体系成熟');
    expect(englishExpansion('deep mastery', map)).toContain('深度掌握');
  });

  it('lets the longest phrase win', () => {
    const out = englishExpansion('data governance', map);
    expect(out).toContain('治理与管控');
    expect(out.split(' ')).not.toContain('数据中台');
  });

  it('leaves Chinese queries alone', () => {
    expect(englishExpansion('数据治理怎么做', map)).toBe('');
  });
});
