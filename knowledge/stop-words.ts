import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJsonFile } from './jsonl.js';
import { StopWordsSchema, type StopWords } from './types.js';

/** The tokenizer's stop words (knowledge/data/stop-words.json, schema StopWordsSchema). */
export const STOP_WORDS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'stop-words.json');

export function loadStopWords(file = STOP_WORDS_FILE): StopWords {
  return loadJsonFile(file, StopWordsSchema);
}

export const STOP_WORD_LIST: StopWords = loadStopWords();
