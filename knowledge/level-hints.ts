import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const parsed = LevelHintsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data as unknown as LevelHints;
}

export const LEVEL_HINTS: LevelHints = loadLevelHints();
