import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../retrieval/linalg.js';
import { LsaEmbedder } from '../../retrieval/lsa-embedder.js';
import { createTokenizer } from '../../retrieval/tokenize.js';

const tokenizer = createTokenizer({ terms: ['门店选址', '业务连续性'] });
const texts = [
  '门店选址凭借经验，缺少客流数据',
  '基于大数据的门店选址方案',
  '业务连续性需要灾备和备份',
  '灾备体系保障业务连续性和高可用',
  '品牌舆情分析与消费者洞察',
  '消费者洞察支撑品牌策略',
];
const docs = texts.map((t) => tokenizer.tokens(t));
const params = { dimension: 4, oversample: 2, powerIterations: 3, seed: 7, bigramWeight: 1 };
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('LSA embedder', () => {
  it('is deterministic: two fits give identical vectors and ids', async () => {
    const a = LsaEmbedder.fit(docs, tokenizer, 'f'.repeat(64), params);
    const b = LsaEmbedder.fit(docs, tokenizer, 'f'.repeat(64), params);
    expect(a.id).toBe(b.id);
    expect(await a.embed(texts)).toEqual(await b.embed(texts));
  });

  it('puts corpus hash and dimension in the id', () => {
    const e = LsaEmbedder.fit(docs, tokenizer, 'ab'.repeat(32), params);
    expect(e.id).toContain('abababababab');
    expect(e.id).toMatch(/:d4$/);
    expect(e.dimension).toBe(4);
  });

  it('returns unit vectors, zero for text sharing nothing with the corpus', async () => {
    const e = LsaEmbedder.fit(docs, tokenizer, 'f'.repeat(64), params);
    const [v, none] = await e.embed(['门店选址', 'qwxz zzkj']);
    expect(Math.sqrt(dot(v!, v!))).toBeCloseTo(1, 5);
    expect(none!.every((x) => x === 0)).toBe(true);
  });

  it('ranks topical neighbours above unrelated passages', async () => {
    const e = LsaEmbedder.fit(docs, tokenizer, 'f'.repeat(64), params);
    const [q, ...ds] = await e.embed(['灾备怎么做', ...texts]);
    const sims = ds.map((d) => dot(q!, d));
    expect(Math.max(sims[2]!, sims[3]!)).toBeGreaterThan(Math.max(sims[0]!, sims[4]!, sims[5]!));
  });

  it('survives serialise → restore unchanged, and rejects another corpus or a truncated file', async () => {
    const e = LsaEmbedder.fit(docs, tokenizer, 'f'.repeat(64), params);
    const buf = e.serialise();
    const r = LsaEmbedder.restore(buf, tokenizer, 'f'.repeat(64));
    expect(r.id).toBe(e.id);
    const [a, b] = [await e.embed(texts), await r.embed(texts)];
    a.forEach((v, i) => v.forEach((x, j) => expect(b[i]![j]).toBeCloseTo(x, 5)));
    expect(() => LsaEmbedder.restore(buf, tokenizer, 'e'.repeat(64))).toThrow(/different corpus/);
    expect(() => LsaEmbedder.restore(buf.subarray(0, buf.length - 3), tokenizer, 'f'.repeat(64))).toThrow(/truncated/);
  });

  it('solves a symmetric eigenproblem (Jacobi)', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect(Array.from(values).map((x) => +x.toFixed(6))).toEqual([5, 3, 1]);
    // Eigenvectors are columns; the top one of this matrix is ±e3.
    expect(Math.abs(vectors[2 * 3 + 0]!)).toBeCloseTo(1, 6);
  });
});
