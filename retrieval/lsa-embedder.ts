import { createHash } from 'node:crypto';
import { gaussianMatrix, multiply, orthonormalise, projectSymmetric, symmetricEigen } from './linalg.js';
import type { Tokenizer, Tokens } from './tokenize.js';
import type { Embedder } from './types.js';

/**
 * The default embedder: latent semantic analysis, fitted on the corpus at index-build time.
 * Deterministic and offline. TF-IDF rows A (passages × terms) are decomposed A = UΣVᵀ through
 * the small passage Gram matrix AAᵀ = UΣ²Uᵀ (passages ≪ terms), so the model to persist is
 * only W = U_k Σ_k⁻¹ (passages × k). A text t embeds as Wᵀ(A·t): for a corpus passage that
 * is its row of U_kΣ_k, and any query folds into the same space.
 */
export interface LsaParams {
  dimension: number;
  oversample: number;
  powerIterations: number;
  seed: number;
  bigramWeight: number;
}

export const DEFAULT_LSA: LsaParams = { dimension: 128, oversample: 16, powerIterations: 3, seed: 20200, bigramWeight: 1 };
const MAGIC = 'WUYIN-LSA-1\n';

export function lsaEmbedderId(corpusHash: string, passages: number, params: LsaParams = DEFAULT_LSA): string {
  const p = createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 6);
  return `lsa-${p}:${corpusHash.slice(0, 12)}:d${Math.min(params.dimension, passages)}`;
}

/** Sparse, L2-normalised TF-IDF rows and the per-term postings to score a query against them. */
class TfIdfSpace {
  readonly idf = new Map<string, number>();
  readonly postings = new Map<string, { docs: Int32Array; values: Float64Array }>();

  constructor(docs: Tokens[], private readonly bigramWeight: number) {
    const rows = docs.map((d) => this.rawWeights(d));
    const df = new Map<string, number>();
    for (const r of rows) for (const t of r.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const n = docs.length;
    for (const [t, c] of df) this.idf.set(t, Math.log((n + 1) / (c + 1)) + 1);
    const acc = new Map<string, Array<[number, number]>>();
    rows.forEach((r, i) => {
      for (const [t, v] of this.normalise(r)) {
        const list = acc.get(t) ?? [];
        list.push([i, v]);
        acc.set(t, list);
      }
    });
    for (const [t, list] of acc) {
      this.postings.set(t, { docs: Int32Array.from(list, (x) => x[0]), values: Float64Array.from(list, (x) => x[1]) });
    }
  }

  /** Sublinear term frequency per feature; bigrams weigh less than whole words. */
  private rawWeights(tokens: Tokens): Map<string, number> {
    const tf = new Map<string, number>();
    for (const w of tokens.words) tf.set('w:' + w, (tf.get('w:' + w) ?? 0) + 1);
    for (const b of tokens.bigrams) tf.set('b:' + b, (tf.get('b:' + b) ?? 0) + 1);
    for (const [t, c] of tf) tf.set(t, (1 + Math.log(c)) * (t.startsWith('b:') ? this.bigramWeight : 1));
    return tf;
  }

  private normalise(raw: Map<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    let norm = 0;
    for (const [t, v] of raw) {
      const w = v * (this.idf.get(t) ?? 0);
      if (w === 0) continue;
      out.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, v] of out) out.set(t, v / norm);
    return out;
  }

  /** A·t: the text's cosine with every passage in TF-IDF space. */
  similarities(tokens: Tokens, n: number): Float64Array {
    const s = new Float64Array(n);
    for (const [t, v] of this.normalise(this.rawWeights(tokens))) {
      const p = this.postings.get(t);
      if (!p) continue;
      for (let j = 0; j < p.docs.length; j++) s[p.docs[j]!]! += v * p.values[j]!;
    }
    return s;
  }

  gram(n: number): Float64Array {
    const g = new Float64Array(n * n);
    for (const { docs, values } of this.postings.values()) {
      for (let a = 0; a < docs.length; a++) {
        const ra = docs[a]! * n;
        const va = values[a]!;
        for (let b = 0; b < docs.length; b++) g[ra + docs[b]!]! += va * values[b]!;
      }
    }
    return g;
  }
}

export class LsaEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;

  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly space: TfIdfSpace,
    private readonly w: Float64Array,
    private readonly n: number,
    readonly corpusHash: string,
    readonly params: LsaParams,
  ) {
    this.dimension = Math.min(params.dimension, n);
    this.id = lsaEmbedderId(corpusHash, n, params);
  }

  static fit(docs: Tokens[], tokenizer: Tokenizer, corpusHash: string, params: LsaParams = DEFAULT_LSA): LsaEmbedder {
    if (docs.length === 0) throw new Error('LSA needs at least one passage to fit');
    const n = docs.length;
    const space = new TfIdfSpace(docs, params.bigramWeight);
    const g = space.gram(n);
    const d = Math.min(params.dimension, n);
    const k = Math.min(n, d + params.oversample);
    // Randomised subspace iteration for the top-k eigenvectors of the Gram matrix.
    let q = multiply(g, gaussianMatrix(n, k, params.seed), n, k);
    orthonormalise(q, n, k);
    for (let i = 0; i < params.powerIterations; i++) {
      q = multiply(g, q, n, k);
      orthonormalise(q, n, k);
    }
    const { values, vectors } = symmetricEigen(projectSymmetric(q, multiply(g, q, n, k), n, k), k);
    const w = new Float64Array(n * d);
    for (let c = 0; c < d; c++) {
      const sigma = Math.sqrt(Math.max(values[c]!, 0));
      if (sigma < 1e-8) continue; // beyond the corpus rank: leave the component empty
      for (let i = 0; i < n; i++) {
        let u = 0;
        for (let r = 0; r < k; r++) u += q[i * k + r]! * vectors[r * k + c]!;
        w[i * d + c] = u / sigma;
      }
    }
    return new LsaEmbedder(tokenizer, space, w, n, corpusHash, params);
  }

  /** Rebuilds the model from its persisted projection; the TF-IDF space is cheap to recompute. */
  static restore(buf: Buffer, docs: Tokens[], tokenizer: Tokenizer, corpusHash: string): LsaEmbedder {
    const magic = buf.subarray(0, MAGIC.length).toString('utf8');
    if (magic !== MAGIC) throw new Error('LSA model file has no WUYIN-LSA-1 header');
    const headerLength = buf.readUInt32LE(MAGIC.length);
    const headerStart = MAGIC.length + 4;
    const header = JSON.parse(buf.subarray(headerStart, headerStart + headerLength).toString('utf8')) as {
      n: number; d: number; corpusHash: string; params: LsaParams;
    };
    if (header.corpusHash !== corpusHash) throw new Error('LSA model was fitted on a different corpus');
    if (header.n !== docs.length) throw new Error(`LSA model has ${header.n} passages, corpus has ${docs.length}`);
    const body = buf.subarray(headerStart + headerLength);
    if (body.length !== header.n * header.d * 4) throw new Error('LSA model file is truncated');
    const f32 = new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length));
    const space = new TfIdfSpace(docs, header.params.bigramWeight);
    return new LsaEmbedder(tokenizer, space, Float64Array.from(f32), header.n, corpusHash, header.params);
  }

  serialise(): Buffer {
    const header = Buffer.from(JSON.stringify({ n: this.n, d: this.dimension, corpusHash: this.corpusHash, params: this.params }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const body = Buffer.from(Float32Array.from(this.w).buffer);
    return Buffer.concat([Buffer.from(MAGIC), len, header, body]);
  }

  /** Synchronous core, for the query hot path. A text sharing no term with the corpus embeds as zeros. */
  embedTokens(tokens: Tokens): Float32Array {
    const s = this.space.similarities(tokens, this.n);
    const d = this.dimension;
    const e = new Float64Array(d);
    for (let i = 0; i < this.n; i++) {
      const si = s[i]!;
      if (si === 0) continue;
      for (let c = 0; c < d; c++) e[c]! += si * this.w[i * d + c]!;
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
