import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Rubric } from '../knowledge/types.js';
import { loadLevelExamples } from '../knowledge/examples.js';
import { loadQuestionExamples } from '../knowledge/questions.js';
import { buildPassages, buildUserPassages } from './passages.js';
import type { Passage } from './types.js';
import { rubricTerms } from './vocabulary.js';

/**
 * The searchable corpus: whitepaper passages plus the user's ingested files, with the hash that
 * decides whether a stored index is still valid. The hash covers everything that shapes tokens
 * and vectors (passage texts, dictionary terms, pipeline version).
 */
export interface Corpus {
  passages: Passage[];
  terms: string[];
  hash: string;
}

/** Bump when tokenisation or passage building changes in a way the texts alone do not show. */
export const PIPELINE_VERSION = 'retrieval-1';
export const USER_EXTENSIONS = ['.md', '.txt'];
export const MAX_USER_FILE_BYTES = 2_000_000;

export function userDir(dataDir: string): string {
  return path.join(dataDir, 'user');
}

/** Text extracted from PDF/DOCX files, one <name>.txt per source; the source is cited by <name>. */
export function extractedDir(dataDir: string): string {
  return path.join(userDir(dataDir), 'extracted');
}

/** A stored user file name as it appears in passage ids: no path, no colon (the id separator). */
export function userFileName(file: string): string {
  return path.basename(file).replace(/[:\s]+/g, '_');
}

/** Reads a user file, refusing what cannot be prose: wrong type, empty, huge, or not UTF-8. */
export function readUserText(file: string, maxBytes = MAX_USER_FILE_BYTES): string {
  const ext = path.extname(file).toLowerCase();
  if (!USER_EXTENSIONS.includes(ext)) throw new Error(`${file}: only ${USER_EXTENSIONS.join(' and ')} files can be ingested`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`${file}: no such file`);
  const size = fs.statSync(file).size;
  if (size > maxBytes) throw new Error(`${file}: ${size} bytes is over the ${maxBytes}-byte limit`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
  } catch {
    throw new Error(`${file}: not valid UTF-8 text`);
  }
  if (!text.trim()) throw new Error(`${file}: the file is empty`);
  return text.replace(/^\uFEFF/, '');
}

/**
 * Each data dir's user files as last chunked (name → text and passages): a load after an ingest
 * chunks only the new file (re-chunking 5.7 M characters took a second at 100× the whitepaper).
 * Replaced at every load, so removed files do not linger.
 */
const chunked = new Map<string, Map<string, { text: string; passages: Passage[] }>>();

type Chunked = Map<string, { text: string; passages: Passage[] }>;

async function userPassages(seen: Chunked, prev: Chunked | undefined, key: string, name: string, text: string): Promise<Passage[]> {
  const hit = prev?.get(key);
  const passages = hit && hit.text === text ? hit.passages : await buildUserPassages(name, text);
  seen.set(key, { text, passages });
  return passages;
}

export interface CorpusOptions {
  /** `false`: no level hints in the index (the eval's `--ablate hints`). */
  hints?: boolean;
  /** `false`: no settled answers or questions in the index (the eval's `--ablate examples`). */
  examples?: boolean;
}

/** `onSkip` hears about unreadable user files, which are left out rather than failing every search. */
export async function loadCorpus(
  rubric: Rubric, dataDir: string, onSkip?: (file: string, why: string) => void, opts: CorpusOptions = {},
): Promise<Corpus> {
  const settled = opts.examples ?? true;
  const passages = await buildPassages(rubric, {
    hints: opts.hints, examples: settled ? loadLevelExamples() : undefined, questions: settled ? loadQuestionExamples() : undefined,
  });
  const dir = userDir(dataDir);
  const prev = chunked.get(dataDir);
  const seen: NonNullable<typeof prev> = new Map();
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (!USER_EXTENSIONS.includes(path.extname(name).toLowerCase())) continue;
      let text: string;
      try {
        // Stored files passed the size cap when they were ingested.
        text = readUserText(path.join(dir, name), Infinity);
      } catch (err) {
        onSkip?.(name, (err as Error).message);
        continue;
      }
      passages.push(...(await userPassages(seen, prev, `u:${name}`, name, text)));
    }
  }
  const ex = extractedDir(dataDir);
  if (fs.existsSync(ex)) {
    for (const stored of fs.readdirSync(ex).sort()) {
      if (!stored.endsWith('.txt')) continue;
      const name = stored.slice(0, -'.txt'.length);
      let text: string;
      try {
        text = readUserText(path.join(ex, stored), Infinity);
      } catch (err) {
        onSkip?.(name, (err as Error).message);
        continue;
      }
      passages.push(...(await userPassages(seen, prev, `x:${name}`, name, text)));
    }
  }
  chunked.set(dataDir, seen);
  const terms = rubricTerms(rubric);
  const h = createHash('sha256').update(PIPELINE_VERSION).update('\0').update(terms.join('\n'));
  for (const p of passages) h.update('\0').update(p.id).update('\0').update(p.text).update('\0').update(p.keywords ?? '')
    .update('\0').update(p.settled ?? '').update('\0').update(p.asked ?? '');
  return { passages, terms, hash: h.digest('hex') };
}
