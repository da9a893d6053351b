import { describe, expect, it } from 'vitest';
import { Bm25 } from '../../retrieval/bm25.js';
import { createTokenizer } from '../../retrieval/tokenize.js';

const tokenizer = createTokenizer({ terms: ['治理与管控', '门店选址'] });
const texts = ['4.3 治理与管控：数据标准和主数据管理', '门店选址缺少数据', '云计算提供算力和存储能力', '品牌舆情与消费者洞察'];
const bm25 = new Bm25(texts.map((t) => tokenizer.tokens(t)));

describe('BM25', () => {
  it('ranks the passage with the rare whole term first', () => {
    const s = bm25.scores(tokenizer.tokens('治理与管控怎么评估'));
    expect(s.indexOf(Math.max(...s))).toBe(0);
  });

  it('scores within 0..1 and near 0 for gibberish', () => {
    const s = bm25.scores(tokenizer.tokens('门店选址'));
    for (const x of s) expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThanOrEqual(1);
    expect(s[1]).toBeGreaterThan(0.5);
    expect(Math.max(...bm25.scores(tokenizer.tokens('zxqv wkpt 乂乇乚')))).toBeLessThan(0.05);
  });

  it('matches through bigrams when jieba segments differently', () => {
    const s = bm25.scores(tokenizer.tokens('选址'));
    expect(s.indexOf(Math.max(...s))).toBe(1);
  });

  it('ignores untranslated English words in the bound when asked', () => {
    const q = tokenizer.tokens('governance 治理与管控');
    expect(bm25.scores(q, { ignoreUnknownLatin: true })[0]).toBeGreaterThan(bm25.scores(q)[0]!);
  });
});
