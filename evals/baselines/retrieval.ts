import type { Passage, SearchHit } from '../../retrieval/types.js';
import type { Searcher } from '../types.js';
import { fitTfIdf } from './tfidf.js';

/**
 * Naive retrieval: character-bigram TF-IDF over the same passages (paragraphs) the product
 * indexes, ranked by cosine. It ignores `mode` and `filter`.
 */
export function naiveRetriever(passages: Passage[]): Searcher {
  const model = fitTfIdf(passages.map((p) => p.text));
  const vectors = passages.map((p) => model.vector(p.text));
  return {
    async search(query, opts = {}) {
      const q = model.vector(query);
      const scored = passages.map((p, i) => ({ p, score: model.cosine(q, vectors[i]!) }))
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score);
      return scored.slice(0, opts.k ?? 5).map(({ p, score }): SearchHit => ({ id: p.id, score, text: p.text, source: p.source }));
    },
  };
}

/** A deliberately broken retriever for the gate test: a seeded shuffle, whatever the query. */
export function randomRetriever(passages: Passage[], seed = 42): Searcher {
  let s = seed;
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  return {
    async search(_query, opts = {}) {
      const pool = passages.slice();
      for (let i = pool.length - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [pool[i], pool[j]] = [pool[j]!, pool[i]!]; }
      return pool.slice(0, opts.k ?? 5).map((p) => ({ id: p.id, score: 0.5, text: p.text, source: p.source }));
    },
  };
}
