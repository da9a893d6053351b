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

describe('BM25 persisted and appended', () => {
  const more = ['经销商返利对账周期缩短', '门店选址与客流热力图'];
  const all = new Bm25([...texts, ...more].map((t) => tokenizer.tokens(t)));
  const queries = ['门店选址', '返利对账', '数据标准', 'zxqv'];

  it('restores from its file with the same scores, and refuses a truncated file', () => {
    const buf = all.serialise();
    const back = Bm25.restore(buf);
    for (const q of queries) expect(back.scores(tokenizer.tokens(q))).toEqual(all.scores(tokenizer.tokens(q)));
    expect(() => Bm25.restore(buf.subarray(0, buf.length - 5))).toThrow(/truncated|trailing or missing/);
  });

  it('appending passages scores exactly as building over all of them', () => {
    const appended = bm25.append(more.map((t) => tokenizer.tokens(t)));
    expect(appended.size).toBe(all.size);
    for (const q of queries) expect(appended.scores(tokenizer.tokens(q))).toEqual(all.scores(tokenizer.tokens(q)));
  });
});
