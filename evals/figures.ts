import { PROPOSAL_CONFIDENCE } from '../bot/interview/scorer.js';
import { agreement, quadraticKappa, type Pair } from './ordinal.js';
import { bootstrapMany, ece, eceFloor } from './stats.js';
import type { Figures } from './types.js';

/**
 * The figures of one scored set, shared by the synthetic and the real-words suites: agreement with
 * the gold levels, calibration and proposals, bootstrap intervals of the headline figures,
 * breakdowns by language, tag, level and pillar, and per-line correctness for the paired test.
 */
export interface Scored {
  id: string;
  /** The data set (file stem or real split) the line belongs to. */
  split: string;
  indicator: string;
  lang: string;
  tags: string[];
  gold: number | null;
  predicted: number | null;
  confidence: number;
}

const pairsOf = (xs: Scored[]): Pair[] => xs.filter((o) => o.gold !== null).map((o) => ({ gold: o.gold!, predicted: o.predicted }));

/**
 * Exact, within one, MAE, QWK, coverage; ECE of the confidence over answers that got a level, and the
 * ECE a perfectly calibrated confidence would show at this size (ece_floor, recorded, not gated); the
 * share of levelled answers proposed outright (confidence ≥ PROPOSAL_CONFIDENCE) and how often such a
 * proposal is right; the share of off-topic lines (gold null) given no level.
 */
export function headline(xs: Scored[]): Figures {
  const a = agreement(pairsOf(xs));
  const levelled = xs.filter((o) => o.gold !== null && o.predicted !== null);
  const proposed = levelled.filter((o) => o.confidence >= PROPOSAL_CONFIDENCE);
  const offtopic = xs.filter((o) => o.gold === null);
  return {
    ...(a.n ? { exact: a.exact, within1: a.within1, mae: a.mae, qwk: a.qwk, coverage: a.coverage } : {}),
    ...(levelled.length ? {
      ece: ece(levelled.map((o) => ({ confidence: o.confidence, right: o.predicted === o.gold }))),
      ece_floor: eceFloor(levelled.map((o) => o.confidence)),
    } : {}),
    ...(proposed.length ? { proposal_rate: proposed.length / levelled.length, proposal_precision: proposed.filter((o) => o.predicted === o.gold).length / proposed.length } : {}),
    ...(offtopic.length ? { offtopic_rejection: offtopic.filter((o) => o.predicted === null).length / offtopic.length } : {}),
  };
}

/** 95 % bootstrap intervals (fixed seed) of exact, within one, QWK and MAE, under `prefix`. */
export function intervals(xs: Scored[], prefix = ''): Record<string, [number, number]> {
  const pairs = pairsOf(xs);
  if (!pairs.length) return {};
  // One pass per resample for all four (as agreement() computes them: no level is wrong, and 3 for MAE/QWK).
  const [exact, within1, qwk, mae] = bootstrapMany(pairs, (s) => {
    let right = 0; let near = 0; let err = 0;
    const imputed: Array<[number, number]> = new Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const { gold, predicted } = s[i]!;
      if (predicted === gold) right++;
      if (predicted !== null && Math.abs(predicted - gold) <= 1) near++;
      const p = predicted ?? 3;
      err += Math.abs(p - gold);
      imputed[i] = [gold, p];
    }
    return [right / s.length, near / s.length, quadraticKappa(imputed), err / s.length];
  });
  return { [`${prefix}exact`]: exact!, [`${prefix}within1`]: within1!, [`${prefix}qwk`]: qwk!, [`${prefix}mae`]: mae! };
}

/**
 * Exact by language, tag, gold level and pillar (`lang_en.exact`, `tag_negation.exact`,
 * `level_3.exact`, `pillar_4.exact`), with each group's size so the gate can allow one line of slack.
 * Tags that only name a split (`blind`) or mark off-topic lines are left out.
 */
export function breakdowns(xs: Scored[], prefix = '', skipTags: ReadonlySet<string> = new Set()): { figures: Figures; counts: Record<string, number> } {
  const rated = xs.filter((o) => o.gold !== null);
  const groups = new Map<string, Scored[]>();
  const add = (key: string, o: Scored) => groups.set(key, [...(groups.get(key) ?? []), o]);
  for (const o of rated) {
    add(`lang_${o.lang}`, o);
    add(`level_${o.gold}`, o);
    add(`pillar_${o.indicator[0]}`, o);
    // Tags that repeat the language, the split or the off-topic mark would only copy another figure.
    for (const t of o.tags) if (t !== 'offtopic' && t !== o.lang && t !== o.split && !skipTags.has(t)) add(`tag_${t}`, o);
  }
  const figures: Figures = {};
  const counts: Record<string, number> = {};
  for (const [key, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    if (g.length < MIN_GROUP) continue;
    figures[`${prefix}${key}.exact`] = g.filter((o) => o.predicted === o.gold).length / g.length;
    counts[`${prefix}${key}.exact`] = g.length;
  }
  return { figures, counts };
}

/** Groups smaller than this are too small to gate (one line would move them by a fifth). */
export const MIN_GROUP = 5;

/** Whether each line was scored exactly right, keyed `split/id`: the input of the paired test. */
export function lineCorrectness(xs: Scored[]): Record<string, boolean> {
  return Object.fromEntries(xs.map((o) => [`${o.split}/${o.id}`, o.predicted === o.gold]));
}

/** Prefixes every key of a figure map (`dev.` + `exact`). */
export function prefixed<T>(prefix: string, m: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [prefix + k, v]));
}
