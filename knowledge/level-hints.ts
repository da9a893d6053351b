import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJsonFile } from './jsonl.js';
import { LevelHintsSchema, type LevelHints } from './types.js';

/**
 * Level hints: everyday phrasings and concrete signs for each of the 125 level descriptors, kept as
 * data in knowledge/data/level-hints.json (what they are and how they were written:
 * knowledge/data/README.md). The descriptors in rubric.json stay the authority; these are hints.
 */
export type { LevelHint } from './types.js';

export const LEVEL_HINTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'level-hints.json');

/** Parses and validates the hints file; a bad file fails naming the field. */
export function loadLevelHints(file = LEVEL_HINTS_FILE): LevelHints {
  return loadJsonFile(file, LevelHintsSchema) as unknown as LevelHints;
}

export const LEVEL_HINTS: LevelHints = loadLevelHints();
