/**
 * Query-side knobs of real-question retrieval, in one place so `retrieval/measure.ts`-style scripts
 * can sweep them on the development questions. The defaults are the measured choices (README,
 * "Retrieval"); the product never changes them at run time.
 */
export interface QueryTuning {
  /** Weight of the need alone (the whitepaper's words for the concepts found) beside the whole question. */
  needWeight: number;
  /** A concept counts when the question names it at least this often. */
  minHits: number;
  /** From this many units (Han characters plus Latin words) a question is long and gets focused. */
  longAt: number;
  /** At most this many passages of one topic before every other topic has had its turn (0 = off). */
  topicCap: number;
  /** Index-only English twins of structural passages (passage-english.ts); prefixes left out. */
  englishSkip: string[];
  /** Latin words stemmed (Porter) in index and queries alike. */
  stem: boolean;
}

export const TUNING: QueryTuning = {
  needWeight: 0,
  minHits: 2,
  longAt: 20,
  topicCap: 0,
  englishSkip: ['all'],
  stem: false,
};
