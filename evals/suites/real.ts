import type { Scorer } from '../../bot/interview/scorer.js';
import { scoreRanking, type EvalQuery } from '../../retrieval/metrics.js';
import { breakdowns, headline, intervals, lineCorrectness, prefixed, type Scored } from '../figures.js';
import type { RealData, ScoringCase } from '../load.js';
import { bootstrap } from '../stats.js';
import type { Figures, Searcher, SuiteResult } from '../types.js';
import { scoreAll } from './scoring.js';

/**
 * Real words (evals/datasets/real/): scoring on the development split (`dev.*`) and the sealed test
 * split (`test.*`, the headline), English against Chinese on the parallel set (`parallel.*`), and
 * retrieval on real questions (`questions_dev.*`, `questions_test.*`). Every scoring split is scored
 * by the product, the fair neighbours baseline and the descriptor baseline.
 */
export interface RealInput {
  scorers: Record<string, Scorer>;
  searchers: Record<string, Searcher>;
  data: RealData;
}

const SCORING_SPLITS = ['dev', 'test', 'parallel'] as const;
const QUESTION_SPLITS = ['dev', 'test'] as const;

/** The parallel set: exact per language, the gap between them, and how often twins get the same level. */
function parallelFigures(xs: Scored[], cases: ScoringCase[]): Figures {
  const twinOf = new Map(cases.map((c) => [c.id, c.twin]));
  const byId = new Map(xs.map((o) => [o.id, o]));
  const exactOf = (lang: string) => {
    const sub = xs.filter((o) => o.lang === lang && o.gold !== null);
    return sub.length ? sub.filter((o) => o.predicted === o.gold).length / sub.length : undefined;
  };
  const zh = exactOf('zh');
  const en = exactOf('en');
  const pairs = xs.filter((o) => o.lang === 'en').flatMap((o) => {
    const twin = byId.get(twinOf.get(o.id) ?? '');
    return twin ? [[o, twin] as const] : [];
  });
  return {
    ...(zh !== undefined ? { exact_zh: zh } : {}),
    ...(en !== undefined ? { exact_en: en } : {}),
    ...(zh !== undefined && en !== undefined ? { gap: Math.abs(zh - en) } : {}),
    ...(pairs.length ? { twin_agreement: pairs.filter(([a, b]) => a.predicted === b.predicted).length / pairs.length } : {}),
  };
}

/**
 * The two raters against each other and the product against each: the `rater2` column scores the second
 * rater's levels against the first (the gold), as a pass beside the product; `r2.` figures score a pass
 * against the second rater instead; `agreed.` figures keep only the lines both raters gave one level.
 */
function raterFigures(xs: Scored[], second: ReadonlyMap<string, number | null>, split: string): Figures {
  if (!second.size) return {};
  const rated = xs.filter((o) => second.has(o.id));
  const againstSecond = rated.filter((o) => second.get(o.id) !== null).map((o) => ({ ...o, gold: second.get(o.id)! }));
  const agreed = rated.filter((o) => o.gold !== null && second.get(o.id) === o.gold);
  return { ...prefixed(`${split}.r2.`, agreementOnly(headline(againstSecond))), ...prefixed(`${split}.agreed.`, agreementOnly(headline(agreed))) };
}

const agreementOnly = (f: Figures): Figures =>
  Object.fromEntries(Object.entries(f).filter(([k]) => ['exact', 'within1', 'qwk'].includes(k)));

function secondRaterPass(cases: ScoringCase[], second: ReadonlyMap<string, number | null>): Scored[] {
  return cases.filter((c) => second.has(c.id)).map((c) => ({
    id: c.id, split: c.split, indicator: c.indicator, lang: c.lang, tags: c.tags, gold: c.level, predicted: second.get(c.id)!, confidence: 1,
  }));
}

async function questionFigures(searcher: Searcher, queries: EvalQuery[]): Promise<{ figures: Figures; hits: Array<{ id: string; hit5: number; rr: number }> }> {
  const hits: Array<{ id: string; hit5: number; rr: number }> = [];
  for (const q of queries) {
    const r = scoreRanking((await searcher.search(q.query, { k: 10 })).map((h) => h.id), q.gold);
    hits.push({ id: q.id, hit5: r.hit5, rr: r.rr });
  }
  const mean = (f: (h: (typeof hits)[number]) => number) => hits.reduce((s, h) => s + f(h), 0) / Math.max(1, hits.length);
  return { figures: { 'hit@5': mean((h) => h.hit5), mrr: mean((h) => h.rr) }, hits };
}

export async function realSuite(input: RealInput): Promise<SuiteResult> {
  const { data } = input;
  const columns: SuiteResult['columns'] = {};
  const intervalsOut: Record<string, [number, number]> = {};
  const counts: Record<string, number> = {};
  const lines: Record<string, boolean> = {};
  const details: Record<string, unknown> = {};
  for (const [name, scorer] of Object.entries(input.scorers)) {
    const col: Figures = {};
    for (const split of SCORING_SPLITS) {
      const cases = data.scoring[split];
      if (!cases.length) continue;
      const xs = await scoreAll(scorer, cases);
      Object.assign(col, prefixed(`${split}.`, headline(xs)));
      if (split === 'parallel') Object.assign(col, prefixed('parallel.', parallelFigures(xs, cases)));
      else Object.assign(col, raterFigures(xs, data.secondRater, split));
      const b = breakdowns(xs, `${split}.`, new Set(['parallel']));
      Object.assign(col, b.figures);
      if (name === 'product') {
        Object.assign(intervalsOut, intervals(xs, `${split}.`));
        Object.assign(counts, b.counts);
        Object.assign(lines, lineCorrectness(xs));
        details[`${split}_misses`] = xs.filter((o) => o.predicted !== o.gold).map((o) => ({ id: o.id, gold: o.gold, predicted: o.predicted, confidence: o.confidence }));
      }
    }
    columns[name] = col;
  }
  if (data.secondRater.size) {
    const col: Figures = {};
    for (const split of ['dev', 'test'] as const) {
      const xs = secondRaterPass(data.scoring[split], data.secondRater);
      if (!xs.length) continue;
      col[`${split}.coverage`] = xs.filter((o) => o.predicted !== null).length / xs.length;
      Object.assign(col, prefixed(`${split}.`, agreementOnly(headline(xs))));
    }
    columns.rater2 = col;
  }
  for (const [name, searcher] of Object.entries(input.searchers)) {
    for (const split of QUESTION_SPLITS) {
      const queries = data.questions[split];
      if (!queries.length) continue;
      const { figures, hits } = await questionFigures(searcher, queries);
      Object.assign((columns[name] ??= {}), prefixed(`questions_${split}.`, figures));
      if (name === 'product') {
        intervalsOut[`questions_${split}.hit@5`] = bootstrap(hits, (s) => s.reduce((a, h) => a + h.hit5, 0) / s.length);
        intervalsOut[`questions_${split}.mrr`] = bootstrap(hits, (s) => s.reduce((a, h) => a + h.rr, 0) / s.length);
        for (const h of hits) lines[`questions_${split}/${h.id}`] = h.hit5 === 1;
      }
    }
  }
  const sizes = {
    ...Object.fromEntries(SCORING_SPLITS.map((s) => [`real/scoring-${s}`, data.scoring[s].length])),
    ...Object.fromEntries(QUESTION_SPLITS.map((s) => [`real/questions-${s}`, data.questions[s].length])),
  };
  const size = Object.values(sizes).reduce((a, b) => a + b, 0);
  const notes = [`real words: scoring dev ${data.scoring.dev.length}, test ${data.scoring.test.length} (sealed), parallel ${data.scoring.parallel.length}; questions dev ${data.questions.dev.length}, test ${data.questions.test.length}`];
  return { suite: 'real', size, columns, details, notes, intervals: intervalsOut, counts, lines, sizes };
}
