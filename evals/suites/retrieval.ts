import { answerFor } from '../../bot/qa.js';
import type { ConversationDeps } from '../../bot/deps.js';
import { scoreRanking, type EvalQuery } from '../../retrieval/metrics.js';
import type { AnswerCase } from '../load.js';
import type { SearchMode } from '../../retrieval/retriever.js';
import { latencyFigures, timed } from '../latency.js';
import { bootstrap } from '../stats.js';
import type { Figures, Searcher, SuiteResult } from '../types.js';

/**
 * Retrieval: hit@1, hit@5, MRR (top 10) and nDCG@5 with the retrieval module's own ranking
 * metric, for the product's hybrid search, its bm25-only and dense-only modes, and the naive
 * character-bigram TF-IDF baseline.
 */
export interface RetrievalInput {
  product: Searcher;
  /** False when the product retriever was replaced (tests): single-signal modes are then skipped. */
  modes: boolean;
  naive: Searcher;
  queries: EvalQuery[];
  passages: number;
  embedder: string;
  /** Whitepaper questions answered by the product (bot/qa.ts), checked for the kind of answer. */
  answers?: { cases: AnswerCase[]; deps: ConversationDeps };
}

interface AnswerRun { figures: Figures; misses: Array<{ id: string; query: string; expected: string; got: string; problems: string[] }> }

/**
 * Answer kinds: the share of questions given the expected kind of answer, the share whose answer
 * also holds the expected words (and none of the absent ones), and the share of zh/en pairs answered
 * with the same kind.
 */
async function evaluateAnswers(cases: AnswerCase[], deps: ConversationDeps): Promise<AnswerRun> {
  let kindOk = 0;
  let contentOk = 0;
  const kinds = new Map<string, string[]>();
  const misses: AnswerRun['misses'] = [];
  for (const c of cases) {
    const { kind, reply } = await answerFor(deps, c.query, c.lang);
    const problems = [...c.contains.filter((w) => !reply.text.includes(w)).map((w) => `missing “${w}”`), ...c.absent.filter((w) => reply.text.includes(w)).map((w) => `has “${w}”`)];
    if (kind === c.kind) kindOk++;
    if (kind === c.kind && !problems.length) contentOk++;
    if (c.pair) kinds.set(c.pair, [...(kinds.get(c.pair) ?? []), kind]);
    if (kind !== c.kind || problems.length) misses.push({ id: c.id, query: c.query, expected: c.kind, got: kind, problems });
  }
  const pairs = [...kinds.values()].filter((k) => k.length > 1);
  const n = Math.max(1, cases.length);
  return {
    figures: { answer_kind: kindOk / n, answer_content: contentOk / n, answer_pairs_same_kind: pairs.filter((k) => k.every((x) => x === k[0])).length / Math.max(1, pairs.length) },
    misses,
  };
}

interface Run { figures: Figures; misses: Array<{ id: string; query: string; gold: string[]; top: string[] }>; hits: Array<{ id: string; lang: string; hit5: number; rr: number }> }

async function evaluate(searcher: Searcher, queries: EvalQuery[], mode?: SearchMode, times?: number[]): Promise<Run> {
  const sums = { 'hit@1': 0, 'hit@5': 0, mrr: 0, 'ndcg@5': 0 };
  const misses: Run['misses'] = [];
  const each: Run['hits'] = [];
  for (const [i, q] of queries.entries()) {
    // Offline search never waits: let timers and IPC (a test runner's heartbeat) through now and then.
    if (i % 64 === 63) await new Promise((resolve) => setImmediate(resolve));
    const search = () => searcher.search(q.query, { k: 10, ...(mode ? { mode } : {}) });
    const hits = times ? await timed(times, search) : await search();
    const ids = hits.map((h) => h.id);
    const r = scoreRanking(ids, q.gold);
    sums['hit@1'] += r.hit1; sums['hit@5'] += r.hit5; sums.mrr += r.rr; sums['ndcg@5'] += r.ndcg5;
    each.push({ id: q.id, lang: q.lang, hit5: r.hit5, rr: r.rr });
    if (!r.hit5) misses.push({ id: q.id, query: q.query, gold: q.gold, top: ids.slice(0, 5) });
  }
  const n = Math.max(1, queries.length);
  const figures: Figures = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / n]));
  // Breakdown by language: English queries lean on the lexicon, and a whole-set figure hides them.
  for (const lang of [...new Set(queries.map((q) => q.lang))].sort()) {
    const sub = each.filter((h) => h.lang === lang);
    figures[`lang_${lang}.hit@5`] = sub.reduce((a, h) => a + h.hit5, 0) / sub.length;
  }
  return { figures, misses, hits: each };
}

export async function retrievalSuite(input: RetrievalInput): Promise<SuiteResult> {
  const { queries } = input;
  const times: number[] = [];
  const product = await evaluate(input.product, queries, 'hybrid', times);
  const answers = input.answers?.cases.length ? await evaluateAnswers(input.answers.cases, input.answers.deps) : undefined;
  const columns: SuiteResult['columns'] = { product: { ...product.figures, ...(answers?.figures ?? {}), ...latencyFigures(times) } };
  if (input.modes) {
    columns.bm25 = (await evaluate(input.product, queries, 'bm25')).figures;
    columns.dense = (await evaluate(input.product, queries, 'dense')).figures;
  }
  const naiveTimes: number[] = [];
  columns.naive = { ...(await evaluate(input.naive, queries, undefined, naiveTimes)).figures, ...latencyFigures(naiveTimes) };
  const mean = (f: (h: Run['hits'][number]) => number) => (s: Run['hits']) => s.reduce((a, h) => a + f(h), 0) / s.length;
  return {
    suite: 'retrieval',
    size: queries.length,
    columns,
    details: { misses: product.misses, ...(answers ? { answerMisses: answers.misses } : {}) },
    intervals: { 'hit@5': bootstrap(product.hits, mean((h) => h.hit5)), mrr: bootstrap(product.hits, mean((h) => h.rr)) },
    counts: Object.fromEntries(['zh', 'en'].map((l) => [`lang_${l}.hit@5`, queries.filter((q) => q.lang === l).length])),
    lines: Object.fromEntries(product.hits.map((h) => [`${h.lang}/${h.id}`, h.hit5 === 1])),
    sizes: Object.fromEntries([...new Set(queries.map((q) => q.lang))].map((l) => [`retrieval/${l}`, queries.filter((q) => q.lang === l).length])),
    notes: [`${queries.length} queries over ${input.passages} passages, embedder ${input.embedder}`,
      ...(answers ? [`${input.answers!.cases.length} questions checked for the kind of answer (evals/datasets/answers/)`] : [])],
  };
}
