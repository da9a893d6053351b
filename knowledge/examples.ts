import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJsonl } from './jsonl.js';
import { LevelExampleSchema, type IndicatorId, type Level } from './types.js';

/**
 * Settled answers: things people said about one indicator, with the level a rater gave them by the
 * indicator's descriptors. The scorer reads a new answer against them as well as against the
 * descriptors (an answer like one already settled at level 4 is likely level 4 too).
 *
 * They are product knowledge, kept in knowledge/data/examples/*.jsonl with their provenance (source,
 * written_by, rated_by, rated_at) on every line; every file in the folder is read. Test data lives
 * in evals/datasets/, which the product never reads (a test checks no eval answer is among these).
 */
export interface LevelExample {
  id: string;
  indicator: IndicatorId;
  level: Level;
  lang?: 'zh' | 'en';
  answer: string;
  /** The file stem the answer comes from (phone, desk, p45, real, …). */
  source: string;
}

export const EXAMPLES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'examples');

// The product's own examples do not change while it runs, and both the retrieval index (settled-answer field)
// and the scorer read them at start: parse them once.
let shipped: readonly LevelExample[] | undefined;

/** Every settled answer of the `*.jsonl` files of `dir`; a bad line fails naming file:line. */
export function loadLevelExamples(dir = EXAMPLES_DIR): readonly LevelExample[] {
  if (dir === EXAMPLES_DIR) return (shipped ??= Object.freeze(readExamples(dir)));
  return readExamples(dir);
}

function readExamples(dir: string): LevelExample[] {
  if (!fs.existsSync(dir)) return [];
  return loadJsonl(dir, LevelExampleSchema).map(({ id, indicator, level, lang, answer, file }) =>
    ({ id, indicator: indicator as IndicatorId, level: level as Level, lang, answer, source: file.replace(/\.jsonl$/, '') }));
}
