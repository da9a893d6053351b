import type { TermDocs, TermField } from './term-docs.js';
import { termDocsOf } from './term-docs.js';
import type { Tokens } from './tokenize.js';

/**
 * Okapi BM25 over two fields of the same text: jieba words (precise) and Han bigrams (robust to
 * segmentation differences). Scores are normalised per query to roughly 0..1 by the score a
 * passage would get matching every query term once at average length, so callers can threshold;
 * query terms the corpus never saw count in that bound, which keeps gibberish near 0.
 * Postings are flat typed arrays (term → [offsets[t], offsets[t+1]) in docs/tfs), so the index
 * persists as a few buffers and loads without re-tokenising the corpus; `append` folds new
 * passages in without touching the old ones' tokens.
 */
export interface Bm25Params {
  k1: number;
  b: number;
  wordWeight: number;
  bigramWeight: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.5, wordWeight: 1, bigramWeight: 1 };

const MAGIC = 'WUYIN-BM25-1\n';

interface FieldData {
  terms: string[];
  offsets: Int32Array;
  docs: Int32Array;
  tfs: Float32Array;
  lengths: Float32Array;
}

/** Per-term postings of `docs`, numbered from `first`, in first-seen term order. */
function collect(docs: string[][], first: number): Map<string, Array<[number, number]>> {
  const acc = new Map<string, Array<[number, number]>>();
  docs.forEach((terms, i) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, c] of tf) {
      const list = acc.get(t);
      if (list) list.push([first + i, c]);
      else acc.set(t, [[first + i, c]]);
    }
  });
  return acc;
}

/** Merges postings of new passages (numbered after the old ones) into `old`. */
function merge(old: FieldData, docs: string[][]): FieldData {
  const n0 = old.lengths.length;
  const extra = collect(docs, n0);
  const terms = old.terms.slice();
  const known = new Map(old.terms.map((t, i) => [t, i]));
  for (const t of extra.keys()) if (!known.has(t)) { known.set(t, terms.length); terms.push(t); }
  const byId: Array<Array<[number, number]> | undefined> = new Array(terms.length);
  for (const [t, list] of extra) byId[known.get(t)!] = list;
  let added = 0;
  for (const list of extra.values()) added += list.length;
  const offsets = new Int32Array(terms.length + 1);
  const outDocs = new Int32Array(old.docs.length + added);
  const outTfs = new Float32Array(old.docs.length + added);
  let at = 0;
  for (let t = 0; t < terms.length; t++) {
    if (t < old.terms.length) {
      const a = old.offsets[t]!;
      const b = old.offsets[t + 1]!;
      outDocs.set(old.docs.subarray(a, b), at);
      outTfs.set(old.tfs.subarray(a, b), at);
      at += b - a;
    }
    for (const [d, c] of byId[t] ?? []) { outDocs[at] = d; outTfs[at] = c; at++; }
    offsets[t + 1] = at;
  }
  const lengths = new Float32Array(n0 + docs.length);
  lengths.set(old.lengths);
  docs.forEach((d, i) => (lengths[n0 + i] = d.length));
  return { terms, offsets, docs: outDocs, tfs: outTfs, lengths };
}

/** Postings of a tokenised corpus by counting sort: per term in passage order, no per-posting allocation. */
function fromTermField(f: TermField): FieldData {
  const m = f.terms.length;
  const offsets = new Int32Array(m + 1);
  for (let j = 0; j < f.ids.length; j++) offsets[f.ids[j]! + 1]!++;
  for (let t = 0; t < m; t++) offsets[t + 1]! += offsets[t]!;
  const next = offsets.slice(0, m);
  const docs = new Int32Array(f.ids.length);
  const tfs = new Float32Array(f.ids.length);
  const n = f.lengths.length;
  for (let d = 0; d < n; d++) {
    for (let j = f.offsets[d]!; j < f.offsets[d + 1]!; j++) {
      const at = next[f.ids[j]!]!++;
      docs[at] = d;
      tfs[at] = f.counts[j]!;
    }
  }
  return { terms: f.terms, offsets, docs, tfs, lengths: f.lengths.slice() };
}

class Field {
  private readonly index: Map<string, number>;
  readonly avgLength: number;
  readonly maxIdf: number;
  /** k1·(1 − b + b·length/avgLength) per passage, computed once instead of at every posting of every query. */
  private readonly norms: Float64Array;

  constructor(readonly data: FieldData, private readonly params: Bm25Params) {
    this.index = new Map(data.terms.map((t, i) => [t, i]));
    let total = 0;
    for (const l of data.lengths) total += l;
    this.avgLength = Math.max(1, total / Math.max(1, data.lengths.length));
    this.maxIdf = this.idf(0);
    const { k1, b } = params;
    this.norms = Float64Array.from(data.lengths, (l) => k1 * (1 - b + (b * l) / this.avgLength));
  }

  idf(df: number): number {
    const n = this.data.lengths.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Adds weighted scores into `out`; returns the normalising bound for this field. */
  accumulate(terms: string[], weight: number, out: Float64Array, countUnknown: (t: string) => boolean): number {
    const k1 = this.params.k1;
    const { offsets, docs, tfs } = this.data;
    const norms = this.norms;
    let bound = 0;
    for (const t of new Set(terms)) {
      const id = this.index.get(t);
      if (id === undefined) {
        if (countUnknown(t)) bound += this.maxIdf * weight;
        continue;
      }
      const start = offsets[id]!;
      const end = offsets[id + 1]!;
      const idf = this.idf(end - start);
      bound += idf * weight;
      const wi = weight * idf;
      for (let j = start; j < end; j++) {
        const d = docs[j]!;
        const tf = tfs[j]!;
        out[d]! += (wi * tf * (k1 + 1)) / (tf + norms[d]!);
      }
    }
    return bound;
  }
}

export class Bm25 {
  private readonly words: Field;
  private readonly bigrams: Field;

  constructor(docs: Tokens[], readonly params: Bm25Params = DEFAULT_BM25, fields?: { words: FieldData; bigrams: FieldData }) {
    const td = fields ? undefined : termDocsOf(docs);
    const f = fields ?? { words: fromTermField(td!.words), bigrams: fromTermField(td!.bigrams) };
    this.words = new Field(f.words, params);
    this.bigrams = new Field(f.bigrams, params);
  }

  /** Over a corpus already tokenised to ids (the index build). */
  static fromTermDocs(td: TermDocs, params: Bm25Params = DEFAULT_BM25): Bm25 {
    return new Bm25([], params, { words: fromTermField(td.words), bigrams: fromTermField(td.bigrams) });
  }

  get size(): number {
    return this.words.data.lengths.length;
  }

  /** A new index with `docs` appended as passages size, size+1, …; idf and lengths are recomputed. */
  append(docs: Tokens[]): Bm25 {
    return new Bm25([], this.params, {
      words: merge(this.words.data, docs.map((d) => d.words)),
      bigrams: merge(this.bigrams.data, docs.map((d) => d.bigrams)),
    });
  }

  serialise(): Buffer {
    const parts: Buffer[] = [];
    const header: Array<{ terms: number; termBytes: number; postings: number }> = [];
    const raw = (a: Int32Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const f of [this.words.data, this.bigrams.data]) {
      const termBuf = Buffer.from(f.terms.join('\n'), 'utf8');
      header.push({ terms: f.terms.length, termBytes: termBuf.length, postings: f.docs.length });
      parts.push(termBuf, raw(f.offsets), raw(f.docs), raw(f.tfs), raw(f.lengths));
    }
    const h = Buffer.from(JSON.stringify({ n: this.size, fields: header }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(h.length);
    return Buffer.concat([Buffer.from(MAGIC), len, h, ...parts]);
  }

  static restore(buf: Buffer, params: Bm25Params = DEFAULT_BM25): Bm25 {
    if (buf.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) throw new Error('BM25 file has no WUYIN-BM25-1 header');
    const hl = buf.readUInt32LE(MAGIC.length);
    let at = MAGIC.length + 4;
    const header = JSON.parse(buf.subarray(at, at + hl).toString('utf8')) as { n: number; fields: Array<{ terms: number; termBytes: number; postings: number }> };
    at += hl;
    const take = <T extends Int32Array | Float32Array>(make: (len: number) => T, len: number): T => {
      const out = make(len);
      if (at + out.byteLength > buf.length) throw new Error('BM25 file is truncated');
      Buffer.from(out.buffer).set(buf.subarray(at, at + out.byteLength));
      at += out.byteLength;
      return out;
    };
    const fields = header.fields.map((f) => {
      if (at + f.termBytes > buf.length) throw new Error('BM25 file is truncated');
      const terms = f.terms === 0 ? [] : buf.subarray(at, at + f.termBytes).toString('utf8').split('\n');
      if (terms.length !== f.terms) throw new Error('BM25 file has a damaged vocabulary');
      at += f.termBytes;
      const offsets = take((l) => new Int32Array(l), f.terms + 1);
      const docs = take((l) => new Int32Array(l), f.postings);
      const tfs = take((l) => new Float32Array(l), f.postings);
      const lengths = take((l) => new Float32Array(l), header.n);
      return { terms, offsets, docs, tfs, lengths };
    });
    if (at !== buf.length || fields.length !== 2) throw new Error('BM25 file has trailing or missing data');
    return new Bm25([], params, { words: fields[0]!, bigrams: fields[1]! });
  }

  /**
   * Normalised scores for every passage. `ignoreUnknownLatin` drops unseen Latin words from the
   * bound: for an English query that was expanded to Chinese terms, the untranslated English
   * remainder is not evidence against a passage.
   */
  scores(query: Tokens, opts: { ignoreUnknownLatin?: boolean } = {}): Float64Array {
    return this.scoresInto(query, new Float64Array(this.size), opts);
  }

  /**
   * The same scores written into `out` (at least `size` long, overwritten): a serving process
   * reuses one buffer, so a query allocates no corpus-sized array (at 100× two of them per query,
   * 400 KB of external memory, were what drove the garbage collector in the tail of the latency).
   */
  scoresInto(query: Tokens, out: Float64Array, opts: { ignoreUnknownLatin?: boolean } = {}): Float64Array {
    const n = this.size;
    out.fill(0, 0, n);
    const countUnknown = (t: string) => !(opts.ignoreUnknownLatin && /^[a-z0-9]/.test(t));
    let bound = this.words.accumulate(query.words, this.params.wordWeight, out, countUnknown);
    bound += this.bigrams.accumulate(query.bigrams, this.params.bigramWeight, out, countUnknown);
    if (bound <= 0) return out.fill(0, 0, n);
    for (let i = 0; i < n; i++) out[i] = Math.min(1, out[i]! / bound);
    return out;
  }
}
