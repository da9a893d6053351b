import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJsonFile } from './jsonl.js';
import { CueWordsSchema, type CueWords } from './types.js';

/**
 * The scorer's cue words and negation words, kept as data in knowledge/data/cues.json (schema:
 * CueWordsSchema in knowledge/types.ts). The readers — bot/interview/cues.ts and negation.ts — are the
 * mechanism; this file is what they look for, so a word can be added or its weight changed without code.
 */
export type { CueGroup, CueWords } from './types.js';

export const CUE_WORDS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'cues.json');

/** Parses and validates the cue-word file; a bad file fails naming the field. */
export function loadCueWords(file = CUE_WORDS_FILE): CueWords {
  return loadJsonFile(file, CueWordsSchema);
}

export const CUE_WORDS: CueWords = loadCueWords();
