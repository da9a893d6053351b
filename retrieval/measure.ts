/**
 * `npx tsx retrieval/measure.ts [--data-dir DIR] [--failures]`: retrieval quality for BM25-only,
 * dense-only and hybrid side by side, plus index build/load times and warm query latency.
 * Uses a fresh temporary data dir unless one is given, so it never disturbs ./data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configureLog } from '../log.js';
import { evaluateRetrieval, loadEvalQueries } from './metrics.js';
import type { EvalQuery, RetrievalReport } from './metrics.js';
import { createRetriever } from './retriever.js';
import type { Retriever } from './retriever.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function latency(retriever: Retriever, queries: EvalQuery[], rounds = 5): Promise<{ p50: number; p99: number }> {
  for (const q of queries) await retriever.search(q.query); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      await retriever.search(q.query);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

function row(r: RetrievalReport): string {
  const f = (x: number) => x.toFixed(3).padStart(6);
  return `${r.mode.padEnd(7)} ${f(r.hit1)} ${f(r.hit5)} ${f(r.mrr)} ${f(r.ndcg5)}`;
}

export async function measure(dataDir: string, showFailures = false): Promise<void> {
  const queries = loadEvalQueries();
  let t = performance.now();
  await createRetriever({ dataDir, rebuild: true });
  const buildMs = performance.now() - t;
  t = performance.now();
  const retriever = await createRetriever({ dataDir });
  const loadMs = performance.now() - t;
  const stats = retriever.stats();

  const reports: RetrievalReport[] = [];
  for (const mode of ['bm25', 'dense', 'hybrid'] as const) reports.push(await evaluateRetrieval(retriever, queries, mode));
  const lat = await latency(retriever, queries);

  const out: string[] = [];
  out.push(`retrieval eval: ${queries.length} queries, ${stats.passages} passages, embedder ${stats.embedderId}`);
  out.push('mode     hit@1  hit@5    MRR nDCG@5');
  for (const r of reports) out.push(row(r));
  const hybrid = reports[2]!;
  for (const lang of ['zh', 'en'] as const) {
    const ids = new Set(queries.filter((q) => q.lang === lang).map((q) => q.id));
    const sub = hybrid.results.filter((r) => ids.has(r.id));
    const m = (f: (x: (typeof sub)[number]) => number) => (sub.reduce((s, x) => s + f(x), 0) / Math.max(1, sub.length)).toFixed(3);
    out.push(`  hybrid ${lang} (${sub.length}): hit@1 ${m((x) => x.hit1)} hit@5 ${m((x) => x.hit5)} MRR ${m((x) => x.rr)}`);
  }
  out.push(`index build ${buildMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms (in-process), warm query p50 ${lat.p50.toFixed(2)} ms, p99 ${lat.p99.toFixed(2)} ms`);
  if (showFailures) {
    const byId = new Map(queries.map((q) => [q.id, q]));
    for (const r of hybrid.results.filter((x) => x.hit5 === 0 || x.rr < 0.5)) {
      const q = byId.get(r.id)!;
      out.push(`  ${r.id} rr=${r.rr.toFixed(2)} ${q.query} → gold ${q.gold.join(',')} got ${r.top.join(' ')}`);
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, failures: { type: 'boolean' } } });
  configureLog({ level: 'warn' });
  const dir = values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-measure-'));
  await measure(dir, values.failures ?? false);
  if (!values['data-dir']) fs.rmSync(dir, { recursive: true, force: true });
}
