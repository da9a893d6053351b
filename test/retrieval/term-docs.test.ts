import { describe, expect, it } from 'vitest';
import { Bm25 } from '../../retrieval/bm25.js';
import { seededRandom } from '../../retrieval/linalg.js';
import { LsaEmbedder } from '../../retrieval/lsa-embedder.js';
import { termDocsOf } from '../../retrieval/term-docs.js';
import { createTokenizer } from '../../retrieval/tokenize.js';
import type { Tokens } from '../../retrieval/tokenize.js';
import type { LsaParams } from '../../retrieval/lsa-embedder.js';

/** Random token streams over a small Zipf-ish vocabulary, so terms repeat within and across passages. */
function randomDocs(n: number, seed: number): Tokens[] {
  const rnd = seededRandom(seed);
  const pick = (prefix: string, size: number) => `${prefix}${Math.floor(size * rnd() ** 2)}`;
  return Array.from({ length: n }, () => ({
    words: Array.from({ length: Math.floor(rnd() * 30) }, () => pick('w', 40)),
    bigrams: Array.from({ length: Math.floor(rnd() * 50) }, () => pick('b', 90)),
  }));
}

describe('the corpus tokenised to ids', () => {
  const docs = randomDocs(60, 3);
  const td = termDocsOf(docs);

  it('keeps every passage\'s tokens: distinct terms first-seen, with counts and lengths', () => {
    expect(td.n).toBe(docs.length);
    for (const field of ['words', 'bigrams'] as const) {
      const f = td[field];
      const firstSeen = [...new Set(docs.flatMap((d) => d[field]))];
      expect(f.terms).toEqual(firstSeen);
      docs.forEach((d, p) => {
        const counts = new Map<string, number>();
        for (const t of d[field]) counts.set(t, (counts.get(t) ?? 0) + 1);
        const got = [];
        for (let j = f.offsets[p]!; j < f.offsets[p + 1]!; j++) got.push([f.terms[f.ids[j]!], f.counts[j]]);
        expect(got).toEqual([...counts]);
        expect(f.lengths[p]).toBe(d[field].length);
      });
    }
  });

  it('gives BM25 the postings that appending the passages one by one gives, byte for byte', () => {
    const merged = new Bm25([]).append(docs.slice(0, 1)).append(docs.slice(1, 25)).append(docs.slice(25));
    expect(Bm25.fromTermDocs(td).serialise().equals(merged.serialise())).toBe(true);
  });

  const tokenizer = createTokenizer();
  const params = { dimension: 6, oversample: 3, powerIterations: 2, seed: 5, bigramWeight: 0.7 };
  it.each<[string, LsaParams]>([
    ['fitted on every passage', { ...params }],
    ['fitted on a sample, the rest folded in', { ...params, maxFitPassages: 20 }],
    ['with a vocabulary cap', { ...params, maxFitPassages: 20, maxTerms: 50 }],
  ])('embeds each passage exactly as embedding its tokens does (%s)', (_, p) => {
    const { lsa, vectors } = LsaEmbedder.fitAndEmbed(td, tokenizer, 'f'.repeat(64), p, (i) => i % 7 === 0);
    expect(vectors).toEqual(docs.map((d) => lsa.embedTokens(d)));
    if (p.maxFitPassages) expect(lsa.sampledPassages).toBe(p.maxFitPassages);
    if (p.maxTerms) expect(lsa.vocabularySize).toBe(p.maxTerms);
  });

  it('folds new passages in with the vectors their tokens embed to', () => {
    const base = LsaEmbedder.fit(docs.slice(0, 40), tokenizer, 'f'.repeat(64), params);
    const { lsa, vectors } = base.foldInAndEmbed(docs.slice(40));
    expect(lsa.vocabularySize).toBeGreaterThanOrEqual(base.vocabularySize);
    expect(vectors).toEqual(docs.slice(40).map((d) => lsa.embedTokens(d)));
  });
});
