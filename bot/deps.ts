import type { IndicatorId, Level, Rubric } from '../knowledge/types.js';
import type { SearchFilter, SearchHit } from '../retrieval/types.js';
import type { Scorer } from './interview/scorer.js';
import type { Locale } from './types.js';

/** What the conversation needs from the outside world, as narrow interfaces (tests pass real ones). */
export interface Retrieval {
  search(query: string, opts?: { k?: number; filter?: SearchFilter }): Promise<SearchHit[]>;
}

export interface LlmJudgement { level: Level | null; confidence: number; rationale: string }

/** The optional LLM: both calls resolve to undefined on timeout or error, so callers fall back. */
export interface Llm {
  judge(input: { indicator: IndicatorId; answer: string; locale: Locale }): Promise<LlmJudgement | undefined>;
  answer(input: { question: string; passages: SearchHit[]; locale: Locale }): Promise<string | undefined>;
}

export interface ConversationDeps {
  rubric: Rubric;
  scorer: Scorer;
  /**
   * Reads an answer against the other planned indicators (bot/also.ts): the offline scorer, so one
   * answer never costs an LLM call per extra indicator. Defaults to `scorer`.
   */
  alsoScorer?: Scorer;
  retrieval: Retrieval;
  llm?: Llm;
}
