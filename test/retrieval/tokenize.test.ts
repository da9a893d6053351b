import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { createTokenizer, hanBigrams, prunedDefaultDict, STOP_WORDS } from '../../retrieval/tokenize.js';
import { rubricTerms } from '../../retrieval/vocabulary.js';

const rubric = loadRubric();
const terms = rubricTerms(rubric);
const tokenizer = createTokenizer({ terms });

describe('tokenize', () => {
  it('keeps the rubric terms whole', () => {
    const { words } = tokenizer.tokens('我们想提升集成与存储和治理与管控，再做门店选址，还有业务连续性');
    for (const t of ['集成与存储', '治理与管控', '门店选址', '业务连续性']) expect(words).toContain(t);
  });

  it('keeps every indicator and bottleneck name whole', () => {
    const names = [
      ...rubric.pillars.flatMap((p) => p.indicators.map((i) => i.name)),
      ...rubric.elements.flatMap((e) => e.bottlenecks.map((b) => b.title)),
    ];
    for (const name of names.filter((n) => !/[、，\s]/.test(n))) {
      expect(tokenizer.tokens(`关于${name}的问题`).words, name).toContain(name.toLowerCase());
    }
  });

  it('drops function words, lowercases Latin, keeps numbers and indicator ids', () => {
    const { words } = tokenizer.tokens('我们的 AIoT 平台是 2020 年的，指标 4.3 呢？');
    for (const w of words) expect(STOP_WORDS.has(w)).toBe(false);
    expect(words).toEqual(expect.arrayContaining(['aiot', '2020', '4.3']));
    expect(words).not.toContain('的');
  });

  it('folds full-width characters', () => {
    expect(tokenizer.tokens('ＡＩ ４').words).toEqual(expect.arrayContaining(['ai', '4']));
  });

  it('emits Han bigrams as a fallback field', () => {
    expect(hanBigrams('门店选址')).toEqual(['门店', '店选', '选址']);
    expect(hanBigrams('A 云 B')).toEqual(['云']);
  });

  it('segments corpus text identically with the pruned dictionary', () => {
    const text = rubric.pillars.flatMap((p) => p.indicators.map((i) => i.description)).join('\n');
    const pruned = createTokenizer({ terms, dict: prunedDefaultDict(text) });
    const full = createTokenizer({ terms });
    for (const line of text.split('\n')) expect(pruned.tokens(line)).toEqual(full.tokens(line));
  });
});

describe('whole rubric terms and their parts', () => {
  it('keeps a solution name whole and also yields its parts, so a shorter query meets it', async () => {
    const { loadRubric } = await import('../../knowledge/load.js');
    const { rubricTerms } = await import('../../retrieval/vocabulary.js');
    const { createTokenizer } = await import('../../retrieval/tokenize.js');
    const t = createTokenizer({ terms: rubricTerms(loadRubric()) });
    const words = t.tokens('基于数据中台的DMP方案').words;
    expect(words).toContain('基于数据中台的dmp方案');
    expect(words).toEqual(expect.arrayContaining(['dmp', '中台', '方案']));
    expect(t.tokens('珠宝行业有人做过数智化吗').words).toContain('数智化');
  });
});
