import { createHash } from 'node:crypto';
import { gaussianMatrix, orthonormalise, projectSymmetric, symmetricEigen } from './linalg.js';
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

/** L2-normalised TF-IDF rows over the kept features, as CSR (row offsets, feature ids, values). */
interface Csr { n: number; m: number; offsets: Int32Array; cols: Int32Array; values: Float64Array }

function tfidfRows(docs: Tokens[], params: LsaParams): { terms: string[]; idf: Float64Array; a: Csr } {
  const n = docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of rawWeights(d, params.bigramWeight).keys()) df.set(t, (df.get(t) ?? 0) + 1);
  let terms = [...df.keys()];
  const cap = params.maxTerms ?? DEFAULT_MAX_TERMS;
  if (terms.length > cap) {
    terms.sort((x, y) => df.get(y)! - df.get(x)! || (x < y ? -1 : 1));
    terms = terms.slice(0, cap);
  }
  const id = new Map(terms.map((t, i) => [t, i]));
  const idf = Float64Array.from(terms, (t) => Math.log((n + 1) / (df.get(t)! + 1)) + 1);
  df.clear();
  const offsets = new Int32Array(n + 1);
  const cols: number[] = [];
  const values: number[] = [];
  docs.forEach((d, i) => {
    const row: Array<[number, number]> = [];
    let norm = 0;
    for (const [t, v] of rawWeights(d, params.bigramWeight)) {
      const j = id.get(t);
      if (j === undefined) continue;
      const w = v * idf[j]!;
      row.push([j, w]);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [j, w] of row) { cols.push(j); values.push(w / norm); }
    offsets[i + 1] = cols.length;
  });
  return { terms, idf, a: { n, m: terms.length, offsets, cols: Int32Array.from(cols), values: Float64Array.from(values) } };
}

/** Aᵀ·Q for Q (n×k): m×k. */
function mulAt(a: Csr, q: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.m * k);
  for (let i = 0; i < a.n; i++) {
    const qi = i * k;
    for (let p = a.offsets[i]!; p < a.offsets[i + 1]!; p++) {
      const o = a.cols[p]! * k;
      const v = a.values[p]!;
      for (let c = 0; c < k; c++) out[o + c]! += v * q[qi + c]!;
    }
  }
  return out;
}

/** A·Z for Z (m×k): n×k. */
function mulA(a: Csr, z: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.n * k);
  for (let i = 0; i < a.n; i++) {
    const oi = i * k;
    for (let p = a.offsets[i]!; p < a.offsets[i + 1]!; p++) {
      const o = a.cols[p]! * k;
      const v = a.values[p]!;
      for (let c = 0; c < k; c++) out[oi + c]! += v * z[o + c]!;
    }
  }
  return out;
}

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
    docs: Tokens[], tokenizer: Tokenizer, corpusHash: string, params: LsaParams = DEFAULT_LSA, pinned: (i: number) => boolean = () => false,
  ): LsaEmbedder {
    const cap = params.maxFitPassages ?? DEFAULT_MAX_FIT_PASSAGES;
    if (docs.length <= cap) return LsaEmbedder.fitAll(docs, tokenizer, corpusHash, params);
    const inSample = new Uint8Array(docs.length);
    let taken = 0;
    for (let i = 0; i < docs.length && taken < cap; i++) if (pinned(i)) { inSample[i] = 1; taken++; }
    const others = docs.length - taken;
    const room = cap - taken;
    // An even stride over the unpinned passages, by their rank among them.
    for (let i = 0, r = 0; i < docs.length; i++) {
      if (inSample[i]) continue;
      if (Math.floor(((r + 1) * room) / others) > Math.floor((r * room) / others)) inSample[i] = 1;
      r++;
    }
    const sample = docs.filter((_, i) => inSample[i]);
    const m = LsaEmbedder.fitAll(sample, tokenizer, corpusHash, params).foldIn(docs.filter((_, i) => !inSample[i]));
    return new LsaEmbedder(
      tokenizer, m.terms, m.idf, m.v, docs.length, corpusHash, params, m.dimension, m.sigma, m.seenPassages, sample.length, m.termIndex,
    );
  }

  private static fitAll(docs: Tokens[], tokenizer: Tokenizer, corpusHash: string, params: LsaParams): LsaEmbedder {
    if (docs.length === 0) throw new Error('LSA needs at least one passage to fit');
    const n = docs.length;
    const { terms, idf, a } = tfidfRows(docs, params);
    const d = Math.min(params.dimension, n);
    const k = Math.min(n, d + params.oversample);
    const gram = (q: Float64Array) => mulA(a, mulAt(a, q, k), k);
    // Randomised subspace iteration for the top-k eigenvectors of AAᵀ (the left singular vectors).
    let q = gram(gaussianMatrix(n, k, params.seed));
    orthonormalise(q, n, k);
    for (let i = 0; i < params.powerIterations; i++) {
      q = gram(q);
      orthonormalise(q, n, k);
    }
    const { values, vectors } = symmetricEigen(projectSymmetric(q, gram(q), n, k), k);
    // U_k Σ_k⁻¹ (n×d), then V_k = Aᵀ·U_kΣ_k⁻¹ (terms×d).
    const w = new Float64Array(n * d);
    const sigmas = new Float64Array(d);
    for (let c = 0; c < d; c++) {
      const sigma = Math.sqrt(Math.max(values[c]!, 0));
      sigmas[c] = sigma;
      if (sigma < 1e-8) continue; // beyond the corpus rank: leave the component empty
      for (let i = 0; i < n; i++) {
        let u = 0;
        for (let r = 0; r < k; r++) u += q[i * k + r]! * vectors[r * k + c]!;
        w[i * d + c] = u / sigma;
      }
    }
    const v = Float32Array.from(mulAt(a, w, d));
    return new LsaEmbedder(tokenizer, terms, Float32Array.from(idf), v, n, corpusHash, params, d, sigmas, n);
  }

  /**
   * The model extended by the terms of new passages it has not seen (standard LSA fold-in, no
   * refit): a passage's coordinates are V_kᵀa (its known terms), and a new term's latent row is
   * Σ_passages a_t·(V_kᵀa)/σ², the row the fit would give it with U and Σ held fixed. Known
   * terms keep their rows and idf; the vocabulary cap still holds.
   */
  foldIn(docs: Tokens[]): LsaEmbedder {
    const d = this.dimension;
    const seen = this.seenPassages + docs.length;
    const df = new Map<string, number>();
    // Two passes over the weights rather than an array of them: at 20 000 passages that array was half a gigabyte.
    const raw = (doc: Tokens) => rawWeights(doc, this.params.bigramWeight);
    for (const doc of docs) for (const t of raw(doc).keys()) if (!this.termIndex.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
    const room = Math.max(0, (this.params.maxTerms ?? DEFAULT_MAX_TERMS) - this.terms.length);
    const fresh = [...df.keys()].sort((x, y) => df.get(y)! - df.get(x)! || (x < y ? -1 : 1)).slice(0, room);
    const freshId = new Map(fresh.map((t, i) => [t, this.terms.length + i]));
    const idf = new Float32Array(this.terms.length + fresh.length);
    idf.set(this.idf);
    fresh.forEach((t, i) => (idf[this.terms.length + i] = Math.log((seen + 1) / (df.get(t)! + 1)) + 1));
    df.clear();
    const v = new Float32Array(idf.length * d);
    v.set(this.v);
    const coord = new Float64Array(d);
    for (const doc of docs) {
      let norm = 0;
      const weights: Array<[number, number]> = [];
      for (const [t, x] of raw(doc)) {
        const j = this.termIndex.get(t) ?? freshId.get(t);
        if (j === undefined) continue;
        const w = x * idf[j]!;
        weights.push([j, w]);
        norm += w * w;
      }
      if (freshId.size === 0) continue;
      norm = Math.sqrt(norm) || 1;
      coord.fill(0);
      for (const [j, w] of weights) {
        if (j >= this.terms.length) continue;
        for (let c = 0; c < d; c++) coord[c]! += (w / norm) * this.v[j * d + c]!;
      }
      for (const [j, w] of weights) {
        if (j < this.terms.length) continue;
        for (let c = 0; c < d; c++) {
          const s2 = this.sigma[c]! ** 2;
          if (s2 > 1e-16) v[j * d + c]! += ((w / norm) * coord[c]!) / s2;
        }
      }
    }
    const index = new Map(this.termIndex);
    for (const [t, j] of freshId) index.set(t, j);
    return new LsaEmbedder(
      this.tokenizer, [...this.terms, ...fresh], idf, v, this.fittedPassages, this.corpusHash, this.params, d, this.sigma, seen, this.sampledPassages, index,
    );
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
