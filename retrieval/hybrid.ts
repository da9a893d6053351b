import type { Passage, SearchFilter } from './types.js';

/**
 * The pure parts of hybrid search: query hygiene, score fusion, filters and de-duplication of
 * overlapping prose chunks. Kept free of I/O so they can be measured and tested directly.
 */
export type Fusion =
  | { kind: 'linear'; alpha: number }
  | { kind: 'rrf'; k: number; bm25Weight: number; denseWeight: number };

export interface PreparedQuery {
  text: string;
  notes: string[];
}

export const MAX_QUERY_CHARS = 2000;

/** Chosen by measurement on the retrieval eval set (see retrieval/measure.ts). */
export const DEFAULT_FUSION: Fusion = { kind: 'linear', alpha: 0.7 };

/**
 * A long question (from this many Han characters plus Latin words: a story around its need) averages the
 * story's words in its LSA vector, while its BM25 query is focused (keyphrases.ts): such questions weigh
 * BM25 more. Chosen on the real questions' dev split (hit@5 / MRR 0.897 / 0.753 → 0.907 / 0.766; 40 units
 * with alpha 0.8: 0.897 / 0.759, 0.9: 0.907 / 0.761; from 20 units alpha 0.8: 0.907 / 0.766 and 0.85:
 * 0.925 / 0.776, but the synthetic queries of 20–39 units then lose hit@1, 0.821 → 0.815 / 0.802).
 * 81 of the 107 dev questions are this long, 2 of the 329 synthetic queries.
 */
export const LONG_QUESTION_UNITS = 40;
export const LONG_FUSION: Fusion = { kind: 'linear', alpha: 0.85 };

/** The fusion for a question of `units` (keyphrases.ts units): the long-question fusion from LONG_QUESTION_UNITS. */
export const fusionFor = (units: number, base: Fusion = DEFAULT_FUSION): Fusion =>
  units >= LONG_QUESTION_UNITS ? LONG_FUSION : base;

export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Rejects empty queries and truncates huge ones (a pasted document is not a question). */
export function prepareQuery(raw: unknown): PreparedQuery {
  if (typeof raw !== 'string') throw new QueryError(`search query must be a string, got ${typeof raw}`);
  // Control characters and lone surrogates come from binary pastes; they only confuse tokenisation.
  const cleaned = raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').replace(/[\ud800-\udfff]/gu, ' ').trim();
  if (!cleaned) throw new QueryError('search query is empty: give a question or some keywords');
  const notes: string[] = [];
  let text = cleaned;
  if (Array.from(text).length > MAX_QUERY_CHARS) {
    text = Array.from(text).slice(0, MAX_QUERY_CHARS).join('');
    notes.push(`query truncated from ${Array.from(cleaned).length} to ${MAX_QUERY_CHARS} characters`);
  }
  return { text, notes };
}

export function matchesFilter(p: Passage, filter: SearchFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.pillar !== undefined && p.source.pillar !== filter.pillar) return false;
  if (filter.indicator !== undefined && p.source.indicator !== filter.indicator) return false;
  if (filter.element !== undefined && p.source.element !== filter.element) return false;
  if (filter.kinds && filter.kinds.length > 0 && !filter.kinds.some((k) => p.id.startsWith(k))) return false;
  return true;
}

/**
 * Fused scores for candidate positions. Linear fusion of the two normalised scores keeps an
 * absolute meaning (gibberish stays low); RRF only knows ranks, so its output is rescaled by
 * the best raw evidence to stay thresholdable.
 */
export function fuse(candidates: number[], bm25: ArrayLike<number>, dense: ArrayLike<number>, fusion: Fusion): Map<number, number> {
  const out = new Map<number, number>();
  if (fusion.kind === 'linear') {
    for (const i of candidates) out.set(i, fusion.alpha * bm25[i]! + (1 - fusion.alpha) * Math.max(0, dense[i]!));
    return out;
  }
  const rank = (score: ArrayLike<number>) => {
    const order = [...candidates].filter((i) => score[i]! > 0).sort((a, b) => score[b]! - score[a]! || a - b);
    return new Map(order.map((i, r) => [i, r + 1]));
  };
  const rb = rank(bm25);
  const rd = rank(dense);
  const top = (fusion.bm25Weight + fusion.denseWeight) / (fusion.k + 1);
  for (const i of candidates) {
    const a = rb.has(i) ? fusion.bm25Weight / (fusion.k + rb.get(i)!) : 0;
    const b = rd.has(i) ? fusion.denseWeight / (fusion.k + rd.get(i)!) : 0;
    out.set(i, ((a + b) / top) * Math.max(bm25[i]!, Math.max(0, dense[i]!)));
  }
  return out;
}

/**
 * A question that meets an indicator's level passages is about that indicator's need: its own
 * passage (what the indicator is) ranks just behind the best of its levels (`lift` of that score),
 * so the answer names the need, not only one rung of it.
 */
export function liftIndicators(scores: Map<number, number>, passages: ReadonlyArray<{ id: string }>, indexOf: (id: string) => number | undefined, lift: number): Map<number, number> {
  const out = new Map(scores);
  for (const [i, v] of scores) {
    const id = passages[i]!.id;
    // The prefix test first: most candidates are no level passage, and the regex allocates its match.
    const m = id.startsWith('lvl:') ? /^lvl:([^:]+):\d$/.exec(id) : null;
    const j = m ? indexOf(`ind:${m[1]}`) : undefined;
    if (j !== undefined && (out.get(j) ?? 0) < v * lift) out.set(j, v * lift);
  }
  return out;
}

/**
 * One indicator's passages (its own and its five levels) crowd the top of a ranking when a long
 * question shares that indicator's words (a "model" in a routing question fills the top five with 5.4).
 * Past `cap` of one indicator, its further passages move behind every other candidate, in their order.
 * Chosen on the real questions' dev split (hit@5 / MRR 0.916 / 0.778 → 0.935 / 0.779; cap 4: 0.935 / 0.780,
 * cap 2: 0.935 / 0.781 but the synthetic queries lose hit@5 0.960 → 0.942); synthetic figures unchanged.
 */
export const INDICATOR_CAP = 3;

const FAMILY = /^(?:ind|lvl):([^:]+)/;

export function spreadIndicators(order: number[], idOf: (i: number) => string, cap = INDICATOR_CAP): number[] {
  const seen = new Map<string, number>();
  const head: number[] = [];
  const tail: number[] = [];
  for (const i of order) {
    const f = FAMILY.exec(idOf(i))?.[1];
    const n = f === undefined ? 0 : (seen.get(f) ?? 0);
    if (f !== undefined) seen.set(f, n + 1);
    (n < cap ? head : tail).push(i);
  }
  return tail.length ? [...head, ...tail] : order;
}

const CHUNKED = /^((?:sec|user):.+):(\d+)$/;

/** Drops a prose chunk when a neighbouring chunk of the same section ranks higher: they overlap. */
export function dedupeOverlaps<T extends { id: string }>(ranked: T[]): T[] {
  const kept: T[] = [];
  const seen = new Map<string, number[]>();
  for (const h of ranked) {
    const m = CHUNKED.exec(h.id);
    if (m) {
      const n = Number(m[2]);
      const near = seen.get(m[1]!) ?? [];
      if (near.some((x) => Math.abs(x - n) <= 1)) continue;
      seen.set(m[1]!, [...near, n]);
    }
    kept.push(h);
  }
  return kept;
}
