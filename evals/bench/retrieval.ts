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
  hnsw_ef: number;
  hnsw: Summary;
  exact: Summary;
  memory_store: Summary;
  bm25: Summary;
  /** Mean share of the exact top-k that HNSW also returns. */
  recall_at_5: number;
  memory_store_recall_at_5: number;
  build_ms: number;
  load_ms: number;
}

const K = 5;

/** MemoryVectorStore wants an Embeddings; the benchmark hands it vectors, so embedding is never called. */
class PrecomputedEmbeddings extends Embeddings {
  constructor() { super({}); }
  async embedDocuments(): Promise<number[][]> { throw new Error('vectors are precomputed'); }
  async embedQuery(): Promise<number[]> { throw new Error('vectors are precomputed'); }
}

function exactTopK(vectors: Float32Array[], q: Float32Array, k: number): number[] {
  // Cosine: the stored vectors and the query are unit length, but normalise anyway so the
  // reference stays exact whatever the embedder does.
  const qn = Math.hypot(...q) || 1;
  const scored: Array<[number, number]> = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    let dot = 0;
    let vv = 0;
    for (let c = 0; c < v.length; c++) { dot += v[c]! * q[c]!; vv += v[c]! * v[c]!; }
    scored.push([dot / (Math.sqrt(vv) * qn || 1), i]);
  }
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.slice(0, k).map(([, i]) => i);
}

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
    const times = { hnsw: [] as number[], exact: [] as number[], memory: [] as number[], bm25: [] as number[] };
    let recall = 0;
    let memRecall = 0;
    for (let r = 0; r < rounds; r++) {
      for (const [n, q] of queries.entries()) {
        const arr = Array.from(q.vector);
        // Rotate who goes first: caches warmed by one must not favour the next.
        const order = [0, 1, 2].map((x) => (x + n + r) % 3);
        let h: number[] = [];
        let e: number[] = [];
        let m: number[] = [];
        for (const which of order) {
          const t = performance.now();
          if (which === 0) { h = Array.from(state.index.searchKnn(arr, K).neighbors); times.hnsw.push(performance.now() - t); }
          else if (which === 1) { e = exactTopK(vectors, q.vector, K); times.exact.push(performance.now() - t); }
          else { m = (await store.similaritySearchVectorWithScore(arr, K)).map(([d]) => d.metadata.i as number); times.memory.push(performance.now() - t); }
        }
        const t = performance.now();
        state.bm25.scores(state.tokenizer.tokens(q.text));
        times.bm25.push(performance.now() - t);
        if (r === 0) { recall += overlap(h, e); memRecall += overlap(m, e); }
      }
    }
    return {
      passages: vectors.length,
      dimension: vectors[0]!.length,
      queries: queries.length,
      rounds,
      k: K,
      hnsw_ef: state.index.getEf(),
      hnsw: summarise(times.hnsw),
      exact: summarise(times.exact),
      memory_store: summarise(times.memory),
      bm25: summarise(times.bm25),
      recall_at_5: Math.round((recall / queries.length) * 10000) / 10000,
      memory_store_recall_at_5: Math.round((memRecall / queries.length) * 10000) / 10000,
      build_ms: round(opened.buildMs),
      load_ms: round(opened.loadMs),
    };
  } finally {
    opened.dispose();
  }
}
