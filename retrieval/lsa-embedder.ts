import { createHash } from 'node:crypto';
import { embedRows, featureCount, featureKey, fitSubspace, foldInRows, tfidfRows } from './lsa-fit.js';
import { termDocsOf } from './term-docs.js';
import type { TermDocs } from './term-docs.js';
import type { Tokenizer, Tokens } from './tokenize.js';
import type { Embedder } from './types.js';

/**
 * The default embedder: latent semantic analysis, fitted on the corpus at index-build time.
 * Deterministic and offline. With TF-IDF rows A (passages × terms) = UΣVᵀ, a text t embeds as
 * V_kᵀ·t, so the model to persist is the term-to-latent matrix V_k (terms × k) with the idf:
 * a query costs in proportion to its own terms, not to the corpus. The top-k subspace comes
 * from randomised subspace iteration on AAᵀ, applied as A·(Aᵀ·Q) over the sparse rows (never
 * forming the n×n Gram matrix, whose size grew as n² and reached 68 GB at 262 000 passages).
 * Its vocabulary is the `maxTerms` features of highest document frequency (all of them at the
 * whitepaper's size): the factor matrices are bounded whatever the corpus, and rare terms still
 * reach BM25.
 */
export interface LsaParams {
  dimension: number;
  oversample: number;
  powerIterations: number;
  seed: number;
  bigramWeight: number;
  /** Most features (words and bigrams) kept in the latent space, by document frequency. */
  maxTerms?: number;
  /** Most passages the subspace is fitted on (default DEFAULT_MAX_FIT_PASSAGES); the rest are folded in. */
  maxFitPassages?: number;
}

export const DEFAULT_LSA: LsaParams = { dimension: 128, oversample: 16, powerIterations: 3, seed: 20200, bigramWeight: 1 };
/** The default feature cap: 2^17 features × 128 dims of float32 is 64 MB on disk. */
export const DEFAULT_MAX_TERMS = 131_072;
/**
 * The fit's passage cap. Each subspace iteration costs ∝ the fitted passages' non-zeros × 144, and
 * was 100 s of a 132 s build at 25 000 passages; a sample of this size (every whitepaper passage,
 * an even stride of the rest) bounds it whatever the corpus, and the other passages' new terms get
 * latent rows by fold-in. Far above the whitepaper's 267 passages, so its fit is the full one.
 */
export const DEFAULT_MAX_FIT_PASSAGES = 4096;
const MAGIC = 'WUYIN-LSA-3\n';

export function lsaEmbedderId(corpusHash: string, passages: number, params: LsaParams = DEFAULT_LSA): string {
  const p = createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 6);
  return `lsa-${p}:${corpusHash.slice(0, 12)}:d${Math.min(params.dimension, passages)}`;
}

/** Sublinear term frequency per feature; bigrams weigh less than whole words. */
function rawWeights(tokens: Tokens, bigramWeight: number): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of tokens.words) tf.set('w:' + w, (tf.get('w:' + w) ?? 0) + 1);
  for (const b of tokens.bigrams) tf.set('b:' + b, (tf.get('b:' + b) ?? 0) + 1);
  for (const [t, c] of tf) tf.set(t, (1 + Math.log(c)) * (t.startsWith('b:') ? bigramWeight : 1));
  return tf;
}

const allDocs = (n: number) => Array.from({ length: n }, (_, i) => i);

export class LsaEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  private readonly termIndex: Map<string, number>;

  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly terms: string[],
    private readonly idf: Float32Array,
    /** terms × dimension, row-major. */
    private readonly v: Float32Array,
    /** Passages the model was fitted on; passages folded in later do not change it. */
    readonly fittedPassages: number,
    /** The corpus hash the model was fitted on. */
    readonly corpusHash: string,
    readonly params: LsaParams,
    dimension: number,
    /** The fitted singular values, which term fold-in divides by. */
    private readonly sigma: Float64Array,
    /** Passages the vocabulary's idf counts (fitted plus folded in). */
    private readonly seenPassages: number,
    /** Of the fitted passages, those the subspace iteration ran on (a sample past maxFitPassages). */
    readonly sampledPassages = fittedPassages,
    /** The terms' positions, when the caller has them (a 131 072-term map is half a second to build). */
    termIndex?: Map<string, number>,
  ) {
    this.dimension = dimension;
    this.id = lsaEmbedderId(corpusHash, fittedPassages, params);
    this.termIndex = termIndex ?? new Map(terms.map((t, i) => [t, i]));
  }

  get vocabularySize(): number {
    return this.terms.length;
  }

  /**
   * Fits on every passage up to maxFitPassages; past it, on a sample — the `pinned` passages (the
   * whitepaper's, which the questions are about) and an even stride of the others — and folds the
   * rest in, so their terms still get latent rows. The model counts as fitted on all of them.
   */
  static fit(
    docs: Tokens[] | TermDocs, tokenizer: Tokenizer, corpusHash: string, params: LsaParams = DEFAULT_LSA,
    pinned: (i: number) => boolean = () => false,
  ): LsaEmbedder {
    return LsaEmbedder.fitColumns(Array.isArray(docs) ? termDocsOf(docs) : docs, tokenizer, corpusHash, params, pinned).lsa;
  }

  /** The fit and every passage's vector, from the corpus tokenised once (the index build). */
  static fitAndEmbed(
    td: TermDocs, tokenizer: Tokenizer, corpusHash: string, params: LsaParams = DEFAULT_LSA,
    pinned: (i: number) => boolean = () => false,
  ): { lsa: LsaEmbedder; vectors: Float32Array[] } {
    const { lsa, column } = LsaEmbedder.fitColumns(td, tokenizer, corpusHash, params, pinned);
    return { lsa, vectors: embedRows(td, allDocs(td.n), lsa.model(), column, params.bigramWeight) };
  }

  private static fitColumns(
    td: TermDocs, tokenizer: Tokenizer, corpusHash: string, params: LsaParams, pinned: (i: number) => boolean,
  ): { lsa: LsaEmbedder; column: Int32Array } {
    if (td.n === 0) throw new Error('LSA needs at least one passage to fit');
    const cap = params.maxFitPassages ?? DEFAULT_MAX_FIT_PASSAGES;
    if (td.n <= cap) return LsaEmbedder.fitAll(td, allDocs(td.n), tokenizer, corpusHash, params);
    const inSample = new Uint8Array(td.n);
    let taken = 0;
    for (let i = 0; i < td.n && taken < cap; i++) if (pinned(i)) { inSample[i] = 1; taken++; }
    const others = td.n - taken;
    const room = cap - taken;
    // An even stride over the unpinned passages, by their rank among them.
    for (let i = 0, r = 0; i < td.n; i++) {
      if (inSample[i]) continue;
      if (Math.floor(((r + 1) * room) / others) > Math.floor((r * room) / others)) inSample[i] = 1;
      r++;
    }
    const sample: number[] = [];
    const rest: number[] = [];
    for (let i = 0; i < td.n; i++) (inSample[i] ? sample : rest).push(i);
    const fitted = LsaEmbedder.fitAll(td, sample, tokenizer, corpusHash, params);
    const { lsa: m, column } = fitted.lsa.foldInColumns(td, rest, fitted.column);
    return {
      lsa: new LsaEmbedder(
        tokenizer, m.terms, m.idf, m.v, td.n, corpusHash, params, m.dimension, m.sigma, m.seenPassages, sample.length, m.termIndex,
      ),
      column,
    };
  }

  private static fitAll(
    td: TermDocs, docs: number[], tokenizer: Tokenizer, corpusHash: string, params: LsaParams,
  ): { lsa: LsaEmbedder; column: Int32Array } {
    const n = docs.length;
    const { features, column, idf, a } = tfidfRows(td, docs, params.bigramWeight, params.maxTerms ?? DEFAULT_MAX_TERMS);
    const { v, sigmas, d } = fitSubspace(a, params);
    const terms = features.map((f) => featureKey(td, f));
    return { lsa: new LsaEmbedder(tokenizer, terms, Float32Array.from(idf), v, n, corpusHash, params, d, sigmas, n), column };
  }

  private model() {
    return { idf: this.idf, v: this.v, d: this.dimension, sigma: this.sigma };
  }

  /**
   * The model extended by the terms of new passages it has not seen (standard LSA fold-in, no
   * refit): a passage's coordinates are V_kᵀa (its known terms), and a new term's latent row is
   * Σ_passages a_t·(V_kᵀa)/σ², the row the fit would give it with U and Σ held fixed. Known
   * terms keep their rows and idf; the vocabulary cap still holds.
   */
  foldIn(docs: Tokens[]): LsaEmbedder {
    return this.foldInAndEmbed(docs).lsa;
  }

  /** Fold-in, and the new passages' vectors through the grown model. */
  foldInAndEmbed(docs: Tokens[]): { lsa: LsaEmbedder; vectors: Float32Array[] } {
    const td = termDocsOf(docs);
    const known = new Int32Array(featureCount(td));
    for (let f = 0; f < known.length; f++) known[f] = this.termIndex.get(featureKey(td, f)) ?? -1;
    const { lsa, column } = this.foldInColumns(td, allDocs(td.n), known);
    return { lsa, vectors: embedRows(td, allDocs(td.n), lsa.model(), column, this.params.bigramWeight) };
  }

  private foldInColumns(td: TermDocs, docs: number[], known: Int32Array): { lsa: LsaEmbedder; column: Int32Array } {
    const seen = this.seenPassages + docs.length;
    const room = Math.max(0, (this.params.maxTerms ?? DEFAULT_MAX_TERMS) - this.terms.length);
    const { idf, v, fresh, column } = foldInRows(td, docs, this.model(), known, seen, room, this.params.bigramWeight);
    const index = new Map(this.termIndex);
    const terms = this.terms.slice();
    for (const f of fresh) {
      index.set(featureKey(td, f), terms.length);
      terms.push(featureKey(td, f));
    }
    const lsa = new LsaEmbedder(
      this.tokenizer, terms, idf, v, this.fittedPassages, this.corpusHash, this.params, this.dimension, this.sigma, seen,
      this.sampledPassages, index,
    );
    return { lsa, column };
  }

  /** The same model with another tokenizer (the dictionary grew with folded-in text). */
  withTokenizer(tokenizer: Tokenizer): LsaEmbedder {
    return new LsaEmbedder(
      tokenizer, this.terms, this.idf, this.v, this.fittedPassages, this.corpusHash, this.params, this.dimension, this.sigma, this.seenPassages,
      this.sampledPassages, this.termIndex,
    );
  }

  /** Rebuilds the model from its file; `corpusHash`, when given, must be the one it was fitted on. */
  static restore(buf: Buffer, tokenizer: Tokenizer, corpusHash?: string): LsaEmbedder {
    const magic = buf.subarray(0, MAGIC.length).toString('utf8');
    if (magic !== MAGIC) throw new Error('LSA model file has no WUYIN-LSA-3 header');
    const headerLength = buf.readUInt32LE(MAGIC.length);
    let at = MAGIC.length + 4;
    const header = JSON.parse(buf.subarray(at, at + headerLength).toString('utf8')) as {
      n: number; d: number; m: number; termBytes: number; corpusHash: string; params: LsaParams; sigma: number[]; seen: number; sampled?: number;
    };
    at += headerLength;
    if (corpusHash !== undefined && header.corpusHash !== corpusHash) throw new Error('LSA model was fitted on a different corpus');
    if (buf.length !== at + header.termBytes + header.m * 4 * (1 + header.d)) throw new Error('LSA model file is truncated');
    const terms = header.m === 0 ? [] : buf.subarray(at, at + header.termBytes).toString('utf8').split('\n');
    if (terms.length !== header.m) throw new Error('LSA model file has a damaged vocabulary');
    at += header.termBytes;
    // Copies, so the model never depends on the alignment or lifetime of the file buffer.
    const idf = new Float32Array(header.m);
    Buffer.from(idf.buffer).set(buf.subarray(at, at + header.m * 4));
    at += header.m * 4;
    const v = new Float32Array(header.m * header.d);
    Buffer.from(v.buffer).set(buf.subarray(at, at + v.byteLength));
    if (!Array.isArray(header.sigma) || header.sigma.length !== header.d) throw new Error('LSA model file has no singular values');
    return new LsaEmbedder(
      tokenizer, terms, idf, v, header.n, header.corpusHash, header.params, header.d, Float64Array.from(header.sigma), header.seen, header.sampled ?? header.n,
    );
  }

  serialise(): Buffer {
    const termBuf = Buffer.from(this.terms.join('\n'), 'utf8');
    const header = Buffer.from(JSON.stringify({
      n: this.fittedPassages, d: this.dimension, m: this.terms.length, termBytes: termBuf.length, corpusHash: this.corpusHash, params: this.params,
      sigma: Array.from(this.sigma), seen: this.seenPassages, sampled: this.sampledPassages,
    }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const f32 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return Buffer.concat([Buffer.from(MAGIC), len, header, termBuf, f32(this.idf), f32(this.v)]);
  }

  /** Synchronous core, for the query hot path. A text sharing no term with the model embeds as zeros. */
  embedTokens(tokens: Tokens): Float32Array {
    const d = this.dimension;
    const e = new Float64Array(d);
    for (const [t, raw] of rawWeights(tokens, this.params.bigramWeight)) {
      const j = this.termIndex.get(t);
      if (j === undefined) continue;
      // The text's own L2 norm is left out: the result is normalised below, which cancels it.
      const x = raw * this.idf[j]!;
      const o = j * d;
      for (let c = 0; c < d; c++) e[c]! += x * this.v[o + c]!;
    }
    let norm = 0;
    for (let c = 0; c < d; c++) norm += e[c]! ** 2;
    norm = Math.sqrt(norm);
    return Float32Array.from(e, (x) => (norm > 0 ? x / norm : 0));
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedTokens(this.tokenizer.tokens(t)));
  }
}
