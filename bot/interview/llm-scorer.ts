import { indicatorOf } from '../../knowledge/load.js';
import type { Rubric } from '../../knowledge/types.js';
import type { Llm } from '../deps.js';
import type { Scorer, ScoreResult } from './scorer.js';

/**
 * The LLM as judge, guarded by the offline scorer: text the offline path finds empty of rubric
 * content (gibberish, injection attempts) never reaches the LLM, so no prompt can buy a level; and
 * when the LLM fails or times out the offline result stands.
 */
export function createLlmScorer(rubric: Rubric, offline: Scorer, llm: Llm): Scorer {
  return {
    holdingOut: offline.holdingOut ? (sources) => createLlmScorer(rubric, offline.holdingOut!(sources), llm) : undefined,
    async score(indicator, answer): Promise<ScoreResult> {
      const base = await offline.score(indicator, answer);
      if (!base.level || base.reason === 'explicit') return base;
      const j = await llm.judge({ indicator, answer, locale: /\p{Script=Han}/u.test(answer) ? 'zh' : 'en' });
      if (!j) return base;
      if (j.level === null) return { ...base, level: undefined, confidence: 0, evidence: undefined, reason: 'no-content' };
      const others = base.candidates.filter((c) => c.level !== j.level);
      return {
        indicator,
        level: j.level,
        confidence: Math.round(j.confidence * 1000) / 1000,
        candidates: [{ level: j.level, score: j.confidence }, ...others],
        evidence: indicatorOf(rubric, indicator).levels[j.level - 1]!.text,
        reason: 'content',
      };
    },
  };
}
