import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Summary } from './stats.js';

/**
 * The index at several sizes of a synthetic corpus (scale-corpus.ts: the whitepaper plus
 * deterministic filler with new vocabulary, ×10 and ×100 by default): build time and peak RSS in
 * one child process, load, queries, ANN against the exact scan, hit@5 and a 50-page ingest in
 * another (scale-worker.ts), so each phase's resident set is its own.
 */
export interface ScalePoint {
  scale: number;
  passages: number;
  chars: number;
  lexicon: number;
  lsa_vocabulary: number;
  lsa_fitted_on: number;
  build_ms: number;
  /** CPU time (all threads): on a loaded machine the comparable figure. */
  build_cpu_ms: number;
  build_peak_rss_mb: number;
  corpus_ms: number;
  corpus_cpu_ms: number;
  load_ms: number;
  load_cpu_ms: number;
  hybrid: Summary;
  hybrid_cpu: Summary;
  hnsw_ef: number;
  hnsw_sweep: Array<{ ef: number; recall_at_5: number; time: Summary }>;
  hnsw: Summary;
  exact: Summary;
  recall_at_5: number;
  hit_at_5: number;
  queries: number;
  ingest: { chars: number; passages: number; ms: number; cpu_ms: number; rebuilt: boolean };
  query_peak_rss_mb: number;
  /** 1-minute load averages: before and after the build; before the load, the queries and after the ingest. */
  load_avg: { build: number[]; query: number[] };
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER = path.join(ROOT, 'evals', 'bench', 'scale-worker.ts');

function worker(args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', WORKER, ...args], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, WUYIN_LOG_LEVEL: 'error', WUYIN_EMBEDDING_MODEL: '' },
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

export function benchScale(scales: number[] = [10, 100], say: (line: string) => void = () => {}): ScalePoint[] {
  return scales.map((scale) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wuyin-bench-scale-${scale}-`));
    try {
      say(`index at ${scale}× the whitepaper: build …`);
      const b = worker(['build', dir, String(scale)]);
      say(`index at ${scale}× the whitepaper: load, queries, ingest …`);
      const q = worker(['query', dir]);
      return {
        scale, passages: b.passages, chars: b.chars, lexicon: b.lexicon, lsa_vocabulary: b.lsa_vocabulary, lsa_fitted_on: b.lsa_fitted_on,
        build_ms: b.build_ms, build_cpu_ms: b.build_cpu_ms, build_peak_rss_mb: b.peak_rss_mb,
        corpus_ms: q.corpus_ms, corpus_cpu_ms: q.corpus_cpu_ms, load_ms: q.load_ms, load_cpu_ms: q.load_cpu_ms,
        hybrid: q.hybrid, hybrid_cpu: q.hybrid_cpu, hnsw: q.hnsw, hnsw_ef: q.hnsw_ef, hnsw_sweep: q.hnsw_sweep, exact: q.exact,
        recall_at_5: q.recall_at_5, hit_at_5: q.hit_at_5, queries: q.queries,
        ingest: q.ingest, query_peak_rss_mb: q.peak_rss_mb, load_avg: { build: b.load_avg, query: q.load_avg },
      } as ScalePoint;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
