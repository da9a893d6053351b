import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJsonl } from './jsonl.js';
import { QuestionExampleSchema } from './types.js';

/**
 * Settled questions: real questions people asked, each with the whitepaper passages that answer the need
 * behind it. The retriever adds their words to those passages' settled field (retrieval/passages.ts), as
 * it adds the settled answers to their indicator's passage: people ask in the words of their own tools.
 *
 * Product knowledge, kept in knowledge/data/questions/*.jsonl with provenance on every line; the eval's real
 * questions are test data from other sources and repositories, which the product never reads (the data
 * tests check that no source, repository or text is shared).
 */
export interface QuestionExample {
  id: string;
  query: string;
  gold: readonly string[];
}

export const QUESTIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'questions');

let shipped: readonly QuestionExample[] | undefined;

/** Every settled question of the `*.jsonl` files of `dir` (the shipped folder parsed once); a bad line fails naming file:line. */
export function loadQuestionExamples(dir = QUESTIONS_DIR): readonly QuestionExample[] {
  if (dir === QUESTIONS_DIR) return (shipped ??= Object.freeze(readQuestions(dir)));
  return readQuestions(dir);
}

function readQuestions(dir: string): QuestionExample[] {
  if (!fs.existsSync(dir)) return [];
  return loadJsonl(dir, QuestionExampleSchema).map(({ id, query, gold }) => ({ id, query, gold: Object.freeze([...gold]) }));
}
