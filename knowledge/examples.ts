import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadJsonl } from './jsonl.js';
import type { IndicatorId, Level } from './types.js';

/**
 * Settled answers: things people said about one indicator, with the level a careful rater gave them
 * by the rubric's descriptors. The scorer reads a new answer against them as well as against the
 * descriptors (an answer like one already settled at level 4 is likely level 4 too).
 *
 * They live in `evals/datasets/scoring/`, one file per source, because they are also the scoring
 * eval's data: the eval scores each file with that file's own answers left out, so every figure it
 * reports is for answers the scorer has not seen as examples.
 */
export interface LevelExample {
  id: string;
  indicator: IndicatorId;
  level: Level;
  answer: string;
  /** The file stem the answer comes from (p45, chat, …). */
  source: string;
}

export const EXAMPLES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'evals', 'datasets', 'scoring');

const Line = z.object({
  id: z.string().min(1),
  indicator: z.string().regex(/^[1-5]\.[1-5]$/),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).nullable(),
  answer: z.string().min(1),
});

/** Every answer with a level from the `*.jsonl` files of `dir`; a bad line fails naming file:line. */
export function loadLevelExamples(dir = EXAMPLES_DIR): LevelExample[] {
  if (!fs.existsSync(dir)) return [];
  return loadJsonl(dir, Line).flatMap(({ id, indicator, level, answer, file }) =>
    level === null ? [] : [{ id, indicator: indicator as IndicatorId, level, answer, source: file.replace(/\.jsonl$/, '') }]);
}
