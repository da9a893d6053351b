import { allIndicators, indicatorOf } from '../../knowledge/load.js';
import type { Level, Rubric } from '../../knowledge/types.js';
import type { Scorer, ScoreResult } from '../../bot/interview/scorer.js';
import { fitTfIdf } from './tfidf.js';

/**
 * Naive scoring: character-bigram TF-IDF similarity of the answer to the indicator's five level
 * descriptors (IDF over all 125), argmax; no level when nothing overlaps. Confidence is the best
 * similarity's share, so in a conversation it proposes or follows up like the product does.
 */
const LEVELS: Level[] = [1, 2, 3, 4, 5];

export function naiveScorer(rubric: Rubric): Scorer {
  const model = fitTfIdf(allIndicators(rubric).flatMap((i) => i.levels.map((l) => l.text)));
  const vectors = new Map(allIndicators(rubric).map((i) => [i.id, i.levels.map((l) => model.vector(l.text))]));
  return {
    async score(indicator, answer): Promise<ScoreResult> {
      const q = model.vector(answer);
      const sims = vectors.get(indicator)!.map((v) => model.cosine(q, v));
      const candidates = LEVELS.map((level, k) => ({ level, score: Math.round(sims[k]! * 1000) / 1000 })).sort((a, b) => b.score - a.score || a.level - b.level);
      const best = candidates[0]!;
      if (best.score <= 0) return { indicator, confidence: 0, candidates, reason: 'no-content' };
      const total = sims.reduce((a, b) => a + b, 0);
      return { indicator, level: best.level, confidence: Math.min(1, sims[best.level - 1]! / total), candidates, evidence: indicatorOf(rubric, indicator).levels[best.level - 1]!.text, reason: 'content' };
    },
  };
}

/** A deliberately broken scorer for the gate test: level 3 for every answer, junk included. */
export function constantScorer(level: Level = 3): Scorer {
  return {
    async score(indicator): Promise<ScoreResult> {
      return { indicator, level, confidence: 1, candidates: LEVELS.map((l) => ({ level: l, score: l === level ? 1 : 0 })), reason: 'content' };
    },
  };
}
