import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The clause reader's word lists (knowledge/data/clause-lexicon.json): which words make a clause
 * negative, a plan, an abandoned trial, an incident, a problem with what exists, a safeguard named in one, a live
 * capability, a claim of breadth, one named exception, or a named partnership. Data, not code: the reader
 * (bot/interview/clauses.ts) is the mechanism.
 */
const Pattern = z.string().min(1).refine((p) => { try { new RegExp(p, 'iu'); return true; } catch { return false; } }, 'not a valid regular expression');
const Words = z.object({ about: z.string().min(1), zh: z.array(Pattern).min(1), en: z.array(Pattern).min(1) });

export const ClauseLexiconSchema = z.object({
  about: z.string().min(1),
  absence: Words,
  denial: Words,
  abandoned: Words,
  /** A decision (决定, decided) and what it stops (取消, 搁置, against it): together, in that order, an abandoned trial. */
  decision: Words,
  stop: Words,
  /** The old way (纸质, 手工, paper, legacy): a decision that stops it is progress, not a trial given up. */
  oldWay: Words,
  failure: Words,
  deficit: Words,
  safeguard: Words,
  plan: Words,
  building: Words,
  deployed: Words,
  coverage: Words,
  exception: Words,
  past: Words,
  present: Words,
  growth: Words,
  limit: Words,
  remainder: Words,
  dated: Words,
  start: Words,
  partners: z.object({ about: z.string().min(1), names: z.array(Pattern).min(1), relation: z.array(Pattern).min(1), ecosystem: z.array(Pattern).min(1) }),
});
export type ClauseLexicon = z.infer<typeof ClauseLexiconSchema>;
export type ClauseCategory = Exclude<keyof ClauseLexicon, 'about' | 'partners'>;

export const CLAUSE_LEXICON_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'clause-lexicon.json');

export function loadClauseLexicon(file = CLAUSE_LEXICON_FILE): ClauseLexicon {
  return ClauseLexiconSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
