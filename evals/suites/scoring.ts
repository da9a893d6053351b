import { PROPOSAL_CONFIDENCE, type Scorer } from '../../bot/interview/scorer.js';
import type { IndicatorId } from '../../knowledge/types.js';
import type { ScoringCase } from '../load.js';
import { latencyFigures, timed } from '../latency.js';
import { agreement, type Pair } from '../ordinal.js';
import type { Figures, SuiteResult } from '../types.js';

/**
 * Scoring: each answer scored against its indicator. Agreement with the gold level over all
 * answers with one, the same exact rate on the held-out split (p123: the scorer was tuned on p45),
 * and the share of off-topic answers (gold null) that got no level.
 */
export const HELD_OUT = 'p123';
export const TUNED = 'p45';
/**
 * Files written blind (the writers saw only the rubric), each reported on its own as exact_<file> and
 * within1_<file>, in the order they were written; evals/datasets/README.md records each one's first score.
 */
export const BLIND_WRITTEN = ['fresh', 'blind', 'chat', 'final', 'holdout', 'busy'] as const;

interface Outcome { c: ScoringCase; predicted: number | null; confidence: number }

/** In order; `parallel` > 1 keeps that many calls in flight (a remote LLM judge). */
async function scoreAll(scorer: Scorer, cases: ScoringCase[], times: number[], parallel = 1): Promise<Outcome[]> {
  const out: Outcome[] = new Array(cases.length);
  // The settled answers of a case's own file are never its examples (knowledge/examples.ts).
  const heldOut = new Map<string, Scorer>();
  const forCase = (c: ScoringCase): Scorer => {
    if (!scorer.holdingOut) return scorer;
    let s = heldOut.get(c.split);
    if (!s) heldOut.set(c.split, (s = scorer.holdingOut(new Set([c.split]))));
    return s;
  };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i]!;
      const s = forCase(c);
      const r = await timed(times, () => s.score(c.indicator as IndicatorId, c.answer));
      out[i] = { c, predicted: r.level ?? null, confidence: r.confidence };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return out;
}

function figuresOf(outcomes: Outcome[], times: number[]): { figures: Figures; confusion: number[][] } {
  const pairs = (split?: string): Pair[] => outcomes
    .filter((o) => o.c.level !== null && (!split || o.c.split === split))
    .map((o) => ({ gold: o.c.level!, predicted: o.predicted }));
  const all = agreement(pairs());
  const offtopic = outcomes.filter((o) => o.c.level === null);
  const figures: Figures = {
    exact: all.exact, within1: all.within1, mae: all.mae, qwk: all.qwk, coverage: all.coverage,
    ...(offtopic.length ? { offtopic_rejection: offtopic.filter((o) => o.predicted === null).length / offtopic.length } : {}),
    ...(pairs(HELD_OUT).length ? { exact_heldout: agreement(pairs(HELD_OUT)).exact } : {}),
    ...(pairs(TUNED).length ? { exact_tuned: agreement(pairs(TUNED)).exact } : {}),
    ...Object.fromEntries(BLIND_WRITTEN.flatMap((split) => {
      const p = pairs(split);
      if (!p.length) return [];
      const a = agreement(p);
      return [[`exact_${split}`, a.exact], [`within1_${split}`, a.within1]];
    })),
    ...proposalFigures(outcomes),
    ...latencyFigures(times),
  };
  return { figures, confusion: all.confusion };
}

/**
 * What the interview does with a score: at PROPOSAL_CONFIDENCE or above it proposes the level (the
 * person confirms or corrects), below it asks one follow-up. How often it proposes, and how often a
 * proposal is right, is what a person actually experiences.
 */
function proposalFigures(outcomes: Outcome[]): Figures {
  const rated = outcomes.filter((o) => o.c.level !== null && o.predicted !== null);
  const proposed = rated.filter((o) => o.confidence >= PROPOSAL_CONFIDENCE);
  if (!rated.length || !proposed.length) return {};
  return { proposal_rate: proposed.length / rated.length, proposal_precision: proposed.filter((o) => o.predicted === o.c.level).length / proposed.length };
}

function byTag(outcomes: Outcome[]): Record<string, { n: number; exact: number }> {
  const tags = [...new Set(outcomes.flatMap((o) => o.c.tags))].sort();
  return Object.fromEntries(tags.map((t) => {
    const sub = outcomes.filter((o) => o.c.tags.includes(t));
    return [t, { n: sub.length, exact: sub.filter((o) => o.predicted === o.c.level).length / sub.length }];
  }));
}

export async function scoringSuite(scorers: Record<string, Scorer>, cases: ScoringCase[], parallel: Record<string, number> = {}): Promise<SuiteResult> {
  const columns: SuiteResult['columns'] = {};
  const details: Record<string, unknown> = {};
  for (const [name, scorer] of Object.entries(scorers)) {
    const times: number[] = [];
    const outcomes = await scoreAll(scorer, cases, times, parallel[name]);
    const { figures, confusion } = figuresOf(outcomes, times);
    columns[name] = figures;
    details[name] = {
      confusion,
      byTag: byTag(outcomes),
      misses: outcomes.filter((o) => o.predicted !== o.c.level).map((o) => ({ id: o.c.id, gold: o.c.level, predicted: o.predicted })),
    };
  }
  const count = (split: string) => cases.filter((c) => c.split === split).length;
  const named = new Set<string>([TUNED, HELD_OUT, ...BLIND_WRITTEN]);
  const others = [...new Set(cases.map((c) => c.split))].filter((split) => !named.has(split)).sort();
  const notes = [`${cases.length} answers (${cases.filter((c) => c.level === null).length} off-topic); tuned-on ${TUNED}: ${count(TUNED)}, held-out ${HELD_OUT}: ${count(HELD_OUT)}, ${BLIND_WRITTEN.map((split) => `${split}: ${count(split)}`).join(', ')}${others.length ? `, settled answers only (${others.join(', ')}): ${others.reduce((n, split) => n + count(split), 0)}` : ''}`];
  // How far two careful readers of the rubric agree: the ceiling any scorer can be held to.
  const rated = cases.filter((c) => c.second_rater !== undefined);
  if (rated.length) {
    const same = rated.filter((c) => c.second_rater === c.level).length;
    notes.push(`second rater, blind to the gold: agrees on ${same} of ${rated.length} answers (${(same / rated.length).toFixed(3)})`);
  }
  return { suite: 'scoring', size: cases.length, columns, details, notes };
}
