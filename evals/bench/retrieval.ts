import { Embeddings } from '@langchain/core/embeddings';
import { Document } from '@langchain/core/documents';
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import { loadEvalQueries } from '../../retrieval/metrics.js';
import { openSearchState } from './search-state.js';
import { round, summarise, type Summary } from './stats.js';

/**
 * Vector search three ways over the same passage vectors and eval queries: the hnswlib graph the
 * bot uses, an exact brute-force cosine scan, and LangChain's MemoryVectorStore. They run
 * interleaved query by query, so machine noise hits all three alike and the ratios hold.
 */
export interface RetrievalBench {
  passages: number;
  dimension: number;
  queries: number;
  rounds: number;
  k: number;
  /** The graph's query-time ef as loaded (hnswlib's default unless the retriever sets one). */
  hnsw_ef: number;
  /** A bare top-5 search of the graph. */
  hnsw: Summary;
  /** As the retriever calls it: a 64-candidate pool, re-ranked by the exact dot product. */
  hnsw_pool: Summary;
  hnsw_pool_size: number;
  exact: Summary;
  memory_store: Summary;
  bm25: Summary;
  /** Mean share of the exact top-5 found by the retriever's pooled HNSW search. */
  recall_at_5: number;
  /** The same for a bare top-5 graph search at the loaded ef. */
  recall_at_5_bare: number;
  /** Bare top-5 recall by query-time ef, to show what setEf would buy. */
  ef_sweep: Record<string, number>;
  memory_store_recall_at_5: number;
  build_ms: number;
  load_ms: number;
}

const K = 5;
/** retriever.ts: Math.max(64, k * 8) candidates for k ≤ 8. */
const POOL = 64;

/** MemoryVectorStore wants an Embeddings; the benchmark hands it vectors, so embedding is never called. */
class PrecomputedEmbeddings extends Embeddings {
  constructor() { super({}); }
  async embedDocuments(): Promise<number[][]> { throw new Error('vectors are precomputed'); }
  async embedQuery(): Promise<number[]> { throw new Error('vectors are precomputed'); }
}

function exactTopK(vectors: Float32Array[], norms: Float64Array, q: Float32Array, k: number): number[] {
  // Cosine, normalised explicitly so the reference stays exact whatever the embedder returns.
  let qq = 0;
  for (let c = 0; c < q.length; c++) qq += q[c]! * q[c]!;
  const qn = Math.sqrt(qq) || 1;
  const best: Array<[number, number]> = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    let dot = 0;
    for (let c = 0; c < v.length; c++) dot += v[c]! * q[c]!;
    const cos = dot / (norms[i]! * qn || 1);
    if (best.length < k || cos > best[best.length - 1]![0]) {
      best.push([cos, i]);
      best.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      if (best.length > k) best.pop();
    }
  }
  return best.map(([, i]) => i);
}

/** What the retriever does with the graph: a wide candidate pool, then the exact dot product decides. */
function pooledTopK(state: { index: { searchKnn(q: number[], k: number): { neighbors: number[] } }; vectors: Float32Array[] }, q: Float32Array, k: number): number[] {
  const cands = state.index.searchKnn(Array.from(q), Math.min(POOL, state.vectors.length)).neighbors;
  const scored = cands.map((i) => {
    const v = state.vectors[i]!;
    let dot = 0;
    for (let c = 0; c < v.length; c++) dot += v[c]! * q[c]!;
    return [dot, i] as [number, number];
  });
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.slice(0, k).map(([, i]) => i);
}

const ratio = (x: number, n: number) => Math.round((x / n) * 10000) / 10000;

function overlap(a: number[], exact: number[]): number {
  const set = new Set(exact);
  return a.filter((i) => set.has(i)).length / exact.length;
}

export async function benchRetrieval(opts: { rounds?: number } = {}): Promise<RetrievalBench> {
  const rounds = opts.rounds ?? 5;
  const opened = await openSearchState();
  try {
    const { state } = opened;
    const vectors = state.vectors;
    const store = new MemoryVectorStore(new PrecomputedEmbeddings());
    await store.addVectors(vectors.map((v) => Array.from(v)), vectors.map((_, i) => new Document({ pageContent: state.corpus.passages[i]!.id, metadata: { i } })));

    const queries = loadEvalQueries().map((q) => ({ text: q.query, ...opened.analyse(q.query) }))
      // A query with no known word embeds to zero; the retriever skips the dense search for it.
      .filter((q) => q.vector.some((x) => x !== 0));
    const norms = Float64Array.from(vectors, (v) => Math.hypot(...v));
    const times = { hnsw: [] as number[], pool: [] as number[], exact: [] as number[], memory: [] as number[], bm25: [] as number[] };
    let recall = 0;
    let bareRecall = 0;
    let memRecall = 0;
    for (let r = 0; r < rounds; r++) {
      for (const [n, q] of queries.entries()) {
        const arr = Array.from(q.vector);
        // Rotate who goes first: caches warmed by one must not favour the next.
        const order = [0, 1, 2, 3].map((x) => (x + n + r) % 4);
        let h: number[] = [];
        let p: number[] = [];
        let e: number[] = [];
        let m: number[] = [];
        for (const which of order) {
          const t = performance.now();
          if (which === 0) { h = Array.from(state.index.searchKnn(arr, K).neighbors); times.hnsw.push(performance.now() - t); }
          else if (which === 1) { e = exactTopK(vectors, norms, q.vector, K); times.exact.push(performance.now() - t); }
          else if (which === 2) { p = pooledTopK(state, q.vector, K); times.pool.push(performance.now() - t); }
          else { m = (await store.similaritySearchVectorWithScore(arr, K)).map(([d]) => d.metadata.i as number); times.memory.push(performance.now() - t); }
        }
        const t = performance.now();
        state.bm25.scores(state.tokenizer.tokens(q.text));
        times.bm25.push(performance.now() - t);
        if (r === 0) { recall += overlap(p, e); bareRecall += overlap(h, e); memRecall += overlap(m, e); }
      }
    }
    const loadedEf = state.index.getEf();
    const efSweep: Record<string, number> = {};
    for (const ef of [10, 16, 32, 64]) {
      state.index.setEf(ef);
      const r = queries.reduce((sum, q) => sum + overlap(Array.from(state.index.searchKnn(Array.from(q.vector), K).neighbors), exactTopK(vectors, norms, q.vector, K)), 0);
      efSweep[String(ef)] = ratio(r, queries.length);
    }
    state.index.setEf(loadedEf);
    return {
      passages: vectors.length,
      dimension: vectors[0]!.length,
      queries: queries.length,
      rounds,
      k: K,
      hnsw_ef: loadedEf,
      hnsw: summarise(times.hnsw),
      hnsw_pool: summarise(times.pool),
      hnsw_pool_size: POOL,
      exact: summarise(times.exact),
      memory_store: summarise(times.memory),
      bm25: summarise(times.bm25),
      recall_at_5: ratio(recall, queries.length),
      recall_at_5_bare: ratio(bareRecall, queries.length),
      ef_sweep: efSweep,
      memory_store_recall_at_5: ratio(memRecall, queries.length),
      build_ms: round(opened.buildMs),
      load_ms: round(opened.loadMs),
    };
  } finally {
    opened.dispose();
  }
}
