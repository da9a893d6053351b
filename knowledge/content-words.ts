import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJsonFile } from './jsonl.js';
import { ContentWordsSchema, type ContentWords } from './types.js';

/**
 * What the content check looks for (knowledge/data/content-words.json, schema ContentWordsSchema):
 * business vocabulary, putting the answer off, small talk. bot/interview/content.ts is the mechanism.
 */
export const CONTENT_WORDS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'content-words.json');

export function loadContentWords(file = CONTENT_WORDS_FILE): ContentWords {
  return loadJsonFile(file, ContentWordsSchema);
}

export const CONTENT_WORDS: ContentWords = loadContentWords();
