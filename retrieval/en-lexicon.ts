import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LexiconEntrySchema, type LexiconEntry } from '../knowledge/types.js';

/**
 * English → Chinese lexicon of the whitepaper's own vocabulary, kept as data in
 * knowledge/data/en-lexicon.tsv (one `english<TAB>chinese terms` line per phrase; `#` starts a
 * comment). Drawn up from the corpus, not from eval queries: see knowledge/data/README.md.
 * Complements knowledge/glossary.ts (rubric names) and en-terms.ts (hand-picked topics); the three
 * are merged by buildEnglishMap, which matches the longest phrase first.
 */
export const EN_LEXICON_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'knowledge', 'data', 'en-lexicon.tsv');

/** Parses the TSV; a malformed line fails naming file:line. */
export function loadLexicon(file = EN_LEXICON_FILE): LexiconEntry[] {
  const out: LexiconEntry[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const parsed = LexiconEntrySchema.safeParse(line.split('\t'));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    out.push(parsed.data);
  });
  return out;
}

export const EN_LEXICON: ReadonlyArray<readonly [english: string, chinese: string]> = loadLexicon();
