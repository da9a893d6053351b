/**
 * The naive text model behind every baseline: character bigrams (within runs of letters and
 * digits, after NFKC and lower-casing), TF-IDF weighted with log tf, cosine similarity. No
 * tokenizer, no glossary, no negation: what any team could build in an afternoon.
 */
export type Vector = Map<string, number>;

export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export interface TfIdf {
  vector(text: string): Vector;
  cosine(a: Vector, b: Vector): number;
}

/** IDF is fitted on `documents`; texts outside them are vectorised with the same weights. */
export function fitTfIdf(documents: string[]): TfIdf {
  const df = new Map<string, number>();
  for (const d of documents) for (const g of new Set(bigrams(d))) df.set(g, (df.get(g) ?? 0) + 1);
  const n = documents.length;
  const idf = (g: string) => Math.log((n + 1) / ((df.get(g) ?? 0) + 1)) + 1;
  return {
    vector(text) {
      const v: Vector = new Map();
      for (const g of bigrams(text)) v.set(g, (v.get(g) ?? 0) + 1);
      let norm = 0;
      for (const [g, f] of v) { const w = (1 + Math.log(f)) * idf(g); v.set(g, w); norm += w * w; }
      norm = Math.sqrt(norm) || 1;
      for (const [g, w] of v) v.set(g, w / norm);
      return v;
    },
    cosine(a, b) {
      const [small, large] = a.size <= b.size ? [a, b] : [b, a];
      let dot = 0;
      for (const [g, w] of small) dot += w * (large.get(g) ?? 0);
      return dot;
    },
  };
}
