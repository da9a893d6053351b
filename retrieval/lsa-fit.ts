import { gaussianMatrix, orthonormalise, projectSymmetric, symmetricEigen } from './linalg.js';
import type { TermDocs } from './term-docs.js';

/**
 * The numeric core of the LSA embedder over a corpus tokenised to ids (term-docs.ts). An LSA
 * feature is a word (ids 0..W-1) or a bigram (W + its id), named 'w:…' / 'b:…' in the model. A
 * passage's features come in the order the embedder has always summed them in (its words, then
 * its bigrams, each first-seen), so every sum, and the persisted model, is bit for bit what the
 * string-keyed code computed.
 */
export interface LsaFitParams {
  dimension: number;
  oversample: number;
  powerIterations: number;
  seed: number;
  bigramWeight: number;
}

export const featureCount = (td: TermDocs) => td.words.terms.length + td.bigrams.terms.length;

export function featureKey(td: TermDocs, f: number): string {
  const w = td.words.terms.length;
  return f < w ? 'w:' + td.words.terms[f] : 'b:' + td.bigrams.terms[f - w];
}

/** Most distinct features any passage has: the size of a row buffer. */
export function maxRow(td: TermDocs): number {
  let most = 0;
  for (let p = 0; p < td.n; p++) {
    const r = td.words.offsets[p + 1]! - td.words.offsets[p]! + td.bigrams.offsets[p + 1]! - td.bigrams.offsets[p]!;
    if (r > most) most = r;
  }
  return most;
}

/** Passage p's features and sublinear term frequencies into the buffers; returns how many. */
export function rowOf(td: TermDocs, p: number, bigramWeight: number, feats: Int32Array, raws: Float64Array): number {
  let r = 0;
  const { words, bigrams } = td;
  for (let j = words.offsets[p]!; j < words.offsets[p + 1]!; j++, r++) {
    feats[r] = words.ids[j]!;
    raws[r] = 1 + Math.log(words.counts[j]!);
  }
  const w = words.terms.length;
  for (let j = bigrams.offsets[p]!; j < bigrams.offsets[p + 1]!; j++, r++) {
    feats[r] = w + bigrams.ids[j]!;
    raws[r] = (1 + Math.log(bigrams.counts[j]!)) * bigramWeight;
  }
  return r;
}

/**
 * Passage p's TF-IDF weights over the model's terms (`column`: feature → term, -1 for none), written in
 * feature order into `terms`/`weights` from `at`; returns where they end. `feats`/`raws`: rowOf's scratch.
 */
function weighRow(
  td: TermDocs, p: number, bigramWeight: number, column: Int32Array, idf: Float64Array | Float32Array,
  feats: Int32Array, raws: Float64Array, terms: Int32Array, weights: Float64Array, at: number,
): number {
  const len = rowOf(td, p, bigramWeight, feats, raws);
  for (let r = 0; r < len; r++) {
    const j = column[feats[r]!]!;
    if (j < 0) continue;
    terms[at] = j;
    weights[at++] = raws[r]! * idf[j]!;
  }
  return at;
}

/** The Euclidean norm of weights[from, to), 1 for an empty row (so dividing by it is harmless). */
function rowNorm(weights: Float64Array, from: number, to: number): number {
  let norm = 0;
  for (let x = from; x < to; x++) norm += weights[x]! * weights[x]!;
  return Math.sqrt(norm) || 1;
}

/** Features first-seen over `docs`, with their document frequency among them (df is indexed by feature). */
export function documentFrequencies(td: TermDocs, docs: ArrayLike<number>, skip?: Int32Array): { order: number[]; df: Int32Array } {
  const df = new Int32Array(featureCount(td));
  const order: number[] = [];
  const w = td.words.terms.length;
  const see = (f: number) => {
    if (skip && skip[f]! >= 0) return;
    if (df[f]!++ === 0) order.push(f);
  };
  for (let i = 0; i < docs.length; i++) {
    const p = docs[i]!;
    for (let j = td.words.offsets[p]!; j < td.words.offsets[p + 1]!; j++) see(td.words.ids[j]!);
    for (let j = td.bigrams.offsets[p]!; j < td.bigrams.offsets[p + 1]!; j++) see(w + td.bigrams.ids[j]!);
  }
  return { order, df };
}

/**
 * The `cap` features of highest df (ties by name), in that order; when they all fit and `sort` is
 * off, all of them in first-seen order (the fit's vocabulary order; fold-in's is always sorted).
 */
export function keepMostFrequent(td: TermDocs, order: number[], df: Int32Array, cap: number, sort = false): number[] {
  if (order.length <= cap && !sort) return order;
  const keys = new Map(order.map((f) => [f, featureKey(td, f)]));
  return order.slice().sort((x, y) => df[y]! - df[x]! || (keys.get(x)! < keys.get(y)! ? -1 : 1)).slice(0, cap);
}

/** L2-normalised TF-IDF rows over the kept features, as CSR (row offsets, term ids, values). */
export interface Csr { n: number; m: number; offsets: Int32Array; cols: Int32Array; values: Float64Array }

export interface TfidfRows {
  /** Term j → feature. */
  features: number[];
  /** Feature → term j, or -1. */
  column: Int32Array;
  idf: Float64Array;
  a: Csr;
}

export function tfidfRows(td: TermDocs, docs: ArrayLike<number>, bigramWeight: number, cap: number): TfidfRows {
  const n = docs.length;
  const { order, df } = documentFrequencies(td, docs);
  const features = keepMostFrequent(td, order, df, cap);
  const column = new Int32Array(featureCount(td)).fill(-1);
  features.forEach((f, j) => (column[f] = j));
  const idf = Float64Array.from(features, (f) => Math.log((n + 1) / (df[f]! + 1)) + 1);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const p = docs[i]!;
    nnz += td.words.offsets[p + 1]! - td.words.offsets[p]! + td.bigrams.offsets[p + 1]! - td.bigrams.offsets[p]!;
  }
  const offsets = new Int32Array(n + 1);
  const cols = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const most = maxRow(td);
  const feats = new Int32Array(most);
  const raws = new Float64Array(most);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const start = at;
    at = weighRow(td, docs[i]!, bigramWeight, column, idf, feats, raws, cols, values, at);
    const norm = rowNorm(values, start, at);
    for (let x = start; x < at; x++) values[x] = values[x]! / norm;
    offsets[i + 1] = at;
  }
  return { features, column, idf, a: { n, m: features.length, offsets, cols: cols.slice(0, at), values: values.slice(0, at) } };
}

/** The rows of A by column (CSC), rows ascending: Aᵀ·Q then writes one output row at a time. */
function transpose(a: Csr): { offsets: Int32Array; rows: Int32Array; values: Float64Array } {
  const offsets = new Int32Array(a.m + 1);
  for (let p = 0; p < a.cols.length; p++) offsets[a.cols[p]! + 1]!++;
  for (let t = 0; t < a.m; t++) offsets[t + 1]! += offsets[t]!;
  const next = offsets.slice(0, a.m);
  const rows = new Int32Array(a.cols.length);
  const values = new Float64Array(a.cols.length);
  for (let i = 0; i < a.n; i++) {
    for (let p = a.offsets[i]!; p < a.offsets[i + 1]!; p++) {
      const at = next[a.cols[p]!]!++;
      rows[at] = i;
      values[at] = a.values[p]!;
    }
  }
  return { offsets, rows, values };
}

/**
 * Aᵀ·Q for Q (n×k): m×k. Each output element sums over the rows in ascending order, as the
 * row-major scatter did, so the result is identical; reading by column keeps the write in cache.
 */
function mulAt(at: ReturnType<typeof transpose>, m: number, q: Float64Array, k: number): Float64Array {
  const out = new Float64Array(m * k);
  // Locals, not property loads in the inner loops (V8 does not hoist them; measured 2× on these loops).
  const { offsets, rows, values } = at;
  for (let t = 0; t < m; t++) {
    const o = t * k;
    for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
      const qi = rows[p]! * k;
      const v = values[p]!;
      for (let c = 0; c < k; c++) out[o + c]! += v * q[qi + c]!;
    }
  }
  return out;
}

/** A·Z for Z (m×k): n×k. */
function mulA(a: Csr, z: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.n * k);
  const { offsets, cols, values } = a;
  for (let i = 0; i < a.n; i++) {
    const oi = i * k;
    for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
      const o = cols[p]! * k;
      const v = values[p]!;
      for (let c = 0; c < k; c++) out[oi + c]! += v * z[o + c]!;
    }
  }
  return out;
}

/**
 * The top-d right singular vectors scaled by 1/σ (V_k, terms × d) and σ, by randomised subspace
 * iteration on AAᵀ applied as A·(Aᵀ·Q) over the sparse rows (never the n×n Gram matrix).
 */
export function fitSubspace(a: Csr, params: LsaFitParams): { v: Float32Array; sigmas: Float64Array; d: number } {
  const n = a.n;
  const d = Math.min(params.dimension, n);
  const k = Math.min(n, d + params.oversample);
  const at = transpose(a);
  const gram = (q: Float64Array) => mulA(a, mulAt(at, a.m, q, k), k);
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
  return { v: Float32Array.from(mulAt(at, a.m, w, d)), sigmas, d };
}

/** A fitted model's numbers, as fold-in extends them. */
export interface LsaModel {
  idf: Float32Array;
  v: Float32Array;
  d: number;
  sigma: Float64Array;
}

/**
 * Standard LSA fold-in of `docs` (no refit): their features the model lacks (column < 0), up to
 * `room` of highest df, get the latent row Σ a_t·(V_kᵀa)/σ² over the passages, U and Σ held
 * fixed. Returns the grown idf and V, the new features in order, and `column` extended to them.
 */
export function foldInRows(
  td: TermDocs, docs: ArrayLike<number>, model: LsaModel, column: Int32Array, seen: number, room: number, bigramWeight: number,
): { idf: Float32Array; v: Float32Array; fresh: number[]; column: Int32Array } {
  const { d, sigma } = model;
  const m = model.idf.length;
  const { order, df } = documentFrequencies(td, docs, column);
  const fresh = keepMostFrequent(td, order, df, room, true);
  const col = column.slice();
  fresh.forEach((f, i) => (col[f] = m + i));
  const idf = new Float32Array(m + fresh.length);
  idf.set(model.idf);
  fresh.forEach((f, i) => (idf[m + i] = Math.log((seen + 1) / (df[f]! + 1)) + 1));
  const v = new Float32Array(idf.length * d);
  v.set(model.v);
  if (fresh.length === 0) return { idf, v, fresh, column: col };
  const s2 = Float64Array.from(sigma, (s) => s ** 2);
  const v0 = model.v;
  const coord = new Float64Array(d);
  const most = maxRow(td);
  const feats = new Int32Array(most);
  const raws = new Float64Array(most);
  const js = new Int32Array(most);
  const ws = new Float64Array(most);
  for (let i = 0; i < docs.length; i++) {
    const kept = weighRow(td, docs[i]!, bigramWeight, col, idf, feats, raws, js, ws, 0);
    const norm = rowNorm(ws, 0, kept);
    coord.fill(0);
    for (let r = 0; r < kept; r++) {
      const j = js[r]!;
      if (j >= m) continue;
      const wn = ws[r]! / norm;
      const o = j * d;
      for (let c = 0; c < d; c++) coord[c]! += wn * v0[o + c]!;
    }
    for (let r = 0; r < kept; r++) {
      const j = js[r]!;
      if (j < m) continue;
      const wn = ws[r]! / norm;
      const o = j * d;
      for (let c = 0; c < d; c++) if (s2[c]! > 1e-16) v[o + c]! += (wn * coord[c]!) / s2[c]!;
    }
  }
  return { idf, v, fresh, column: col };
}

/** Unit vectors of passages `docs` through the model (column: feature → term), zeros for a passage it cannot see. */
export function embedRows(
  td: TermDocs, docs: ArrayLike<number>, model: LsaModel, column: Int32Array, bigramWeight: number,
): Float32Array[] {
  const { d, idf, v } = model;
  const most = maxRow(td);
  const feats = new Int32Array(most);
  const raws = new Float64Array(most);
  const e = new Float64Array(d);
  const out: Float32Array[] = new Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const len = rowOf(td, docs[i]!, bigramWeight, feats, raws);
    e.fill(0);
    for (let r = 0; r < len; r++) {
      const j = column[feats[r]!]!;
      if (j < 0) continue;
      const x = raws[r]! * idf[j]!;
      const o = j * d;
      for (let c = 0; c < d; c++) e[c]! += x * v[o + c]!;
    }
    let norm = 0;
    for (let c = 0; c < d; c++) norm += e[c]! ** 2;
    norm = Math.sqrt(norm);
    out[i] = Float32Array.from(e, (x) => (norm > 0 ? x / norm : 0));
  }
  return out;
}
