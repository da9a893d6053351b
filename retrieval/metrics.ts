import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Retriever, SearchMode } from './retriever.js';

/**
 * Retrieval quality on evals/datasets/retrieval/*.jsonl: hit@1, hit@5, MRR (over the top 10)
 * and nDCG@5 with binary relevance, where each gold id counts once however many chunks match it.
 */
export const EvalQuerySchema = z.object({
  id: z.string().min(1),
  lang: z.enum(['zh', 'en']),
  query: z.string().min(1),
  gold: z.array(z.string().min(1)).min(1),
  tags: z.array(z.string()),
});
export type EvalQuery = z.infer<typeof EvalQuerySchema>;

export interface QueryResult {
  id: string;
  hit1: number;
  hit5: number;
  rr: number;
  ndcg5: number;
  top: string[];
}

export interface RetrievalReport {
  mode: SearchMode;
  queries: number;
  hit1: number;
  hit5: number;
  mrr: number;
  ndcg5: number;
  results: QueryResult[];
}

export const DATASET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'evals', 'datasets', 'retrieval');

export function loadEvalQueries(dir = DATASET_DIR): EvalQuery[] {
  const out: EvalQuery[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = fs.readFileSync(path.join(dir, name), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = EvalQuerySchema.safeParse(JSON.parse(line));
      if (!parsed.success) {
        const where = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
        throw new Error(`${name}:${i + 1}: invalid eval query (${where})`);
      }
      out.push(parsed.data);
    });
  }
  return out;
}

export function matchesGold(id: string, gold: string): boolean {
  return id === gold || id.startsWith(gold + ':');
}

export function scoreRanking(ids: string[], gold: string[]): Omit<QueryResult, 'id' | 'top'> {
  const firstHit = ids.findIndex((id) => gold.some((g) => matchesGold(id, g)));
  const found = new Set<string>();
  let dcg = 0;
  ids.slice(0, 5).forEach((id, i) => {
    const g = gold.find((x) => !found.has(x) && matchesGold(id, x));
    if (g) {
      found.add(g);
      dcg += 1 / Math.log2(i + 2);
    }
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(gold.length, 5); i++) ideal += 1 / Math.log2(i + 2);
  return {
    hit1: firstHit === 0 ? 1 : 0,
    hit5: firstHit >= 0 && firstHit < 5 ? 1 : 0,
    rr: firstHit >= 0 ? 1 / (firstHit + 1) : 0,
    ndcg5: dcg / ideal,
  };
}

export async function evaluateRetrieval(retriever: Retriever, queries: EvalQuery[], mode: SearchMode = 'hybrid'): Promise<RetrievalReport> {
  const results: QueryResult[] = [];
  for (const q of queries) {
    const ids = (await retriever.search(q.query, { k: 10, mode })).map((h) => h.id);
    results.push({ id: q.id, ...scoreRanking(ids, q.gold), top: ids.slice(0, 5) });
  }
  const mean = (f: (r: QueryResult) => number) => (results.length ? results.reduce((s, r) => s + f(r), 0) / results.length : 0);
  return { mode, queries: results.length, hit1: mean((r) => r.hit1), hit5: mean((r) => r.hit5), mrr: mean((r) => r.rr), ndcg5: mean((r) => r.ndcg5), results };
}
