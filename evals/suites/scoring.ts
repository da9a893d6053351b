import type { Scorer } from '../../bot/interview/scorer.js';
import type { IndicatorId } from '../../knowledge/types.js';
import { breakdowns, headline, intervals, lineCorrectness, type Scored } from '../figures.js';
import type { ScoringCase } from '../load.js';
import { latencyFigures, timed } from '../latency.js';
import { agreement } from '../ordinal.js';
import type { Figures, SuiteResult } from '../types.js';

/**
 * Scoring on the synthetic sets (evals/datasets/scoring/): each answer scored against its indicator
 * by the product, the fair baseline (bigram neighbours over the product's own settled answers) and
 * the descriptor baseline. The product's settled answers are knowledge/data/examples, never these
 * files, so nothing is held out: every line here is test data.
 */
export interface Outcome { c: ScoringCase; predicted: number | null; confidence: number }

/** In order; `parallel` > 1 keeps that many calls in flight (a remote LLM judge). */
export async function scoreAll(scorer: Scorer, cases: readonly ScoringCase[], times: number[] = [], parallel = 1): Promise<Scored[]> {
  const out: Scored[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i]!;
      // The offline scorer never waits: let timers and IPC (a test runner's heartbeat) through now and then.
      if (i % 64 === 63) await new Promise((resolve) => setImmediate(resolve));
      const r = await timed(times, () => scorer.score(c.indicator as IndicatorId, c.answer));
      out[i] = { id: c.id, split: c.split, indicator: c.indicator, lang: c.lang, tags: c.tags, gold: c.level, predicted: r.level ?? null, confidence: r.confidence };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return out;
}

/** Whole-set figures, each file's exact / within one (`exact_blind`), and the breakdowns. */
function figuresOf(xs: Scored[], splits: string[]): { figures: Figures; counts: Record<string, number> } {
  const perFile = Object.fromEntries(splits.flatMap((split) => {
    const sub = xs.filter((o) => o.split === split && o.gold !== null);
    if (!sub.length) return [];
    const a = agreement(sub.map((o) => ({ gold: o.gold!, predicted: o.predicted })));
    return [[`exact_${split}`, a.exact], [`within1_${split}`, a.within1]];
  }));
  const { figures, counts } = breakdowns(xs, '', new Set(splits));
  return { figures: { ...headline(xs), ...perFile, ...figures }, counts };
}

export async function scoringSuite(scorers: Record<string, Scorer>, cases: ScoringCase[], parallel: Record<string, number> = {}): Promise<SuiteResult> {
  const splits = [...new Set(cases.map((c) => c.split))].sort();
  const columns: SuiteResult['columns'] = {};
  const details: Record<string, unknown> = {};
  let product: { xs: Scored[]; counts: Record<string, number> } | undefined;
  for (const [name, scorer] of Object.entries(scorers)) {
    const times: number[] = [];
    const xs = await scoreAll(scorer, cases, times, parallel[name]);
    const { figures, counts } = figuresOf(xs, splits);
    columns[name] = { ...figures, ...latencyFigures(times) };
    const pairs = xs.filter((o) => o.gold !== null).map((o) => ({ gold: o.gold!, predicted: o.predicted }));
    details[name] = {
      confusion: agreement(pairs).confusion,
      misses: xs.filter((o) => o.predicted !== o.gold).map((o) => ({ id: o.id, gold: o.gold, predicted: o.predicted, confidence: o.confidence })),
    };
    if (name === 'product') product = { xs, counts };
  }
  const count = (split: string) => cases.filter((c) => c.split === split).length;
  const notes = [`${cases.length} answers (${cases.filter((c) => c.level === null).length} off-topic): ${splits.map((s) => `${s} ${count(s)}`).join(', ')}`];
  // How far two careful readers of the rubric agree: the ceiling any scorer can be held to.
  const rated = cases.filter((c) => c.second_rater !== undefined);
  if (rated.length) {
    const same = rated.filter((c) => c.second_rater === c.level).length;
    notes.push(`second rater, blind to the gold: agrees on ${same} of ${rated.length} answers (${(same / rated.length).toFixed(3)})`);
  }
  return {
    suite: 'scoring', size: cases.length, columns, details, notes,
    intervals: product ? intervals(product.xs) : undefined,
    counts: product?.counts,
    lines: product ? lineCorrectness(product.xs) : undefined,
    sizes: Object.fromEntries(splits.map((s) => [`scoring/${s}`, count(s)])),
  };
}
