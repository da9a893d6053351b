import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { DATASET_DIR, loadEvalQueries } from '../../retrieval/metrics.js';
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

  it('can leave out the rubric\'s names, for scoring within one indicator', () => {
    const bare = buildEnglishMap(loadRubric(), { names: false });
    expect(englishExpansion('no high availability', map)).toContain('业务连续性');
    expect(englishExpansion('no high availability', bare)).not.toContain('业务连续性');
    expect(englishExpansion('we have a pilot', bare)).toBe(englishExpansion('we have a pilot', map));
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

  it('maps the whitepaper lexicon (en-lexicon.ts)', () => {
    expect(englishExpansion('heterogeneous data sources', map)).toContain('异构');
    expect(englishExpansion('We use DingTalk for everything', map)).toContain('钉钉');
    expect(englishExpansion('self-healing devices on a weak network', map)).toEqual(expect.stringMatching(/自愈.*弱网|弱网.*自愈/));
    expect(englishExpansion('redundancy and multi-active data centres', map)).toEqual(expect.stringMatching(/冗余.*异地多活|异地多活.*冗余/));
    expect(englishExpansion('preface by the CTO', map)).toContain('首席技术官');
    expect(englishExpansion('KPMG China partners', map)).toContain('毕马威中国');
    expect(englishExpansion('a dairy group and a baijiu distillery', map)).toEqual(expect.stringMatching(/乳业.*白酒|白酒.*乳业/));
    expect(englishExpansion('we only ran a pilot project', map)).toContain('试点');
    expect(englishExpansion('Data Silos everywhere', map)).toContain('孤岛');
    expect(englishExpansion('unified, standardised master data', map)).toEqual(expect.stringMatching(/统一.*标准化.*主数据|主数据.*统一|统一.*主数据/));
  });

  it('prefers lexicon phrases over their parts', () => {
    // "autonomous driving" is 无人驾驶, not 自治; "network drops" is 断网, not the network indicator.
    const driving = englishExpansion('autonomous driving trucks', map).split(' ');
    expect(driving).toContain('无人驾驶');
    expect(driving).not.toContain('自治');
    const drops = englishExpansion('when the network drops', map).split(' ');
    expect(drops).toContain('断网');
    expect(drops).not.toContain('网络与计算');
  });

  it('leaves Chinese queries alone', () => {
    expect(englishExpansion('数据治理怎么做', map)).toBe('');
  });
});

describe('English expansion through the needle index', () => {
  it('expands every eval query and real question exactly as testing every phrase does', () => {
    const real = fs.readFileSync(path.join(DATASET_DIR, '..', 'real', 'questions-dev.jsonl'), 'utf8').split('\n').filter(Boolean);
    const queries = [
      ...loadEvalQueries().map((q) => q.query),
      ...real.map((l) => (JSON.parse(l) as { query: string }).query),
      'Solutions for omni-channel data-governance, R&D and café systems',
      'level 3 of the data middle platforms',
      'BACKUPS; backup-es',
    ];
    let expanded = 0;
    for (const q of queries) {
      const got = englishExpansion(q, map);
      expect(got).toBe(englishExpansion(q, map, { scanAll: true }));
      if (got) expanded++;
    }
    expect(expanded).toBeGreaterThan(100);
  });
});
