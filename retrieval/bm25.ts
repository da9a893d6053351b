import type { Tokens } from './tokenize.js';

/**
 * Okapi BM25 over two fields of the same text: jieba words (precise) and Han bigrams (robust to
 * segmentation differences). Scores are normalised per query to roughly 0..1 by the score a
 * passage would get matching every query term once at average length, so callers can threshold;
 * query terms the corpus never saw count in that bound, which keeps gibberish near 0.
 */
export interface Bm25Params {
  k1: number;
  b: number;
  wordWeight: number;
  bigramWeight: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.5, wordWeight: 1, bigramWeight: 1 };

interface Posting {
  docs: Int32Array;
  tfs: Float32Array;
}

class Field {
  readonly postings = new Map<string, Posting>();
  readonly lengths: Float32Array;
  readonly avgLength: number;
  readonly maxIdf: number;

  constructor(docs: string[][], private readonly params: Bm25Params) {
    const n = docs.length;
    this.lengths = Float32Array.from(docs, (d) => d.length);
    this.avgLength = Math.max(1, docs.reduce((s, d) => s + d.length, 0) / Math.max(1, n));
    const acc = new Map<string, Array<[number, number]>>();
    docs.forEach((terms, i) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, c] of tf) {
        const list = acc.get(t) ?? [];
        list.push([i, c]);
        acc.set(t, list);
      }
    });
    for (const [t, list] of acc) {
      this.postings.set(t, { docs: Int32Array.from(list, (x) => x[0]), tfs: Float32Array.from(list, (x) => x[1]) });
    }
    this.maxIdf = this.idf(0);
  }

  idf(df: number): number {
    const n = this.lengths.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Adds weighted scores into `out`; returns the normalising bound for this field. */
  accumulate(terms: string[], weight: number, out: Float64Array, countUnknown: (t: string) => boolean): number {
    const { k1, b } = this.params;
    let bound = 0;
    for (const t of new Set(terms)) {
      const p = this.postings.get(t);
      if (!p) {
        if (countUnknown(t)) bound += this.maxIdf * weight;
        continue;
      }
      const idf = this.idf(p.docs.length);
      bound += idf * weight;
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j]!;
        const tf = p.tfs[j]!;
        const norm = k1 * (1 - b + (b * this.lengths[d]!) / this.avgLength);
        out[d]! += (weight * idf * tf * (k1 + 1)) / (tf + norm);
      }
    }
    return bound;
  }
}

export class Bm25 {
  private readonly words: Field;
  private readonly bigrams: Field;

  constructor(docs: Tokens[], readonly params: Bm25Params = DEFAULT_BM25) {
    this.words = new Field(docs.map((d) => d.words), params);
    this.bigrams = new Field(docs.map((d) => d.bigrams), params);
  }

  get size(): number {
    return this.words.lengths.length;
  }

  /**
   * Normalised scores for every passage. `ignoreUnknownLatin` drops unseen Latin words from the
   * bound: for an English query that was expanded to Chinese terms, the untranslated English
   * remainder is not evidence against a passage.
   */
  scores(query: Tokens, opts: { ignoreUnknownLatin?: boolean } = {}): Float64Array {
    const out = new Float64Array(this.size);
    const countUnknown = (t: string) => !(opts.ignoreUnknownLatin && /^[a-z0-9]/.test(t));
    let bound = this.words.accumulate(query.words, this.params.wordWeight, out, countUnknown);
    bound += this.bigrams.accumulate(query.bigrams, this.params.bigramWeight, out, countUnknown);
    if (bound <= 0) return out.fill(0);
    for (let i = 0; i < out.length; i++) out[i] = Math.min(1, out[i]! / bound);
    return out;
  }
}
