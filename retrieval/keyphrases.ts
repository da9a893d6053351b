import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LONG_QUESTION_UNITS } from './hybrid.js';

/**
 * Key phrases of a real question. People ask long, tool-level, mixed-language questions ("当前admin
 * 部署在2台机器上…数据库崩溃该如何处理", "the scheduler is the big single point of failure"); the
 * whitepaper answers the need behind them (业务连续性, 灾备) in its own words. This module strips what
 * carries no need (links, code, versions, greetings), finds the needs a question reveals
 * (knowledge/data/query-concepts.json) and returns the whitepaper's words for them, so the search can
 * weigh the need above the tool. A question that reveals no need is searched as it is.
 */
const Pattern = z.string().min(1).refine((p) => { try { new RegExp(p, 'iu'); return true; } catch { return false; } }, 'not a valid regular expression');
export const QueryConceptsSchema = z.object({
  about: z.string().min(1),
  concepts: z.array(z.object({
    id: z.string().regex(/^[a-z-]+$/),
    terms: z.array(z.string().min(1)).min(1),
    zh: z.array(Pattern).min(1),
    en: z.array(Pattern).min(1),
  })).min(1).refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'concept ids must be unique'),
  noise: z.object({ about: z.string().min(1), patterns: z.array(Pattern).min(1) }),
});
export type QueryConcepts = z.infer<typeof QueryConceptsSchema>;

export const QUERY_CONCEPTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'knowledge', 'data', 'query-concepts.json');

interface Compiled { id: string; terms: string[]; re: RegExp }

export function loadQueryConcepts(file = QUERY_CONCEPTS_FILE): QueryConcepts {
  return QueryConceptsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

// One alternation per concept: a question is scanned once per concept, not once per pattern (the
// patterns grow with the vocabulary; the scan runs on every long query). Overlapping words count once.
const compile = (q: QueryConcepts): Compiled[] =>
  q.concepts.map((c) => ({ id: c.id, terms: c.terms, re: new RegExp([...c.zh, ...c.en].map((p) => `(?:${p})`).join('|'), 'giu') }));

// What carries no need (links, code, versions, greetings): data in query-concepts.json, one regex per pattern.
const noisePatterns = (q: QueryConcepts): RegExp[] => q.noise.patterns.map((p) => new RegExp(p, 'giu'));
// The shipped file, read and compiled once on the first long question, for both the concepts and the noise.
let defaults: { concepts: Compiled[]; noise: RegExp[] } | undefined;
const shipped = () => {
  if (!defaults) { const q = loadQueryConcepts(); defaults = { concepts: compile(q), noise: noisePatterns(q) }; }
  return defaults;
};

export interface KeyPhrases {
  /** The question without links, code, versions and greetings. */
  text: string;
  /** The needs it reveals, most evident first. */
  concepts: string[];
  /** The whitepaper's words for those needs. */
  terms: string[];
}

/** At most this many needs per question: a long question mentions many tools but asks about one or two needs. */
const MAX_CONCEPTS = 3;
/**
 * A need counts when the question names it at least twice: one passing word ("算法") is no need. In a long
 * question (hybrid.ts LONG_QUESTION_UNITS) one word suffices when it is the whitepaper's own word for the need
 * (one of the concept's terms: 直播, 舆情, 会员): such a word is specific, and among forty others its BM25
 * weight is diluted. Dev questions 0.907 / 0.766 → 0.916 / 0.778 (hit@5 / MRR); for every question from 10
 * units the synthetic queries lose hit@1 0.821 → 0.802, from 30 units 0.818.
 */
const MIN_HITS = 2;
/**
 * A further need counts only with at least this share of the leading need's hits. On the development
 * questions every share from 0.3 to 0.5 gives the same ranking (0.2 changes nothing, 0.67 loses three
 * questions); the middle of that range.
 */
const MIN_SHARE = 0.4;

export function keyPhrases(
  question: string,
  concepts: Compiled[] = shipped().concepts,
  drop: RegExp[] = shipped().noise,
): KeyPhrases {
  let text = question;
  for (const re of drop) text = text.replace(re, ' ');
  text = text.replace(/\s+/gu, ' ').trim() || question.trim();
  const long = units(question) >= LONG_QUESTION_UNITS;
  const own = (c: Compiled, words: string[]) => words.some((w) => c.terms.some((t) => t.toLowerCase() === w.toLowerCase()));
  const found = concepts
    .map((c) => { const words = text.match(c.re) ?? []; return { c, n: words.length, own: long && own(c, words) }; })
    .filter((x) => x.n >= MIN_HITS || x.own)
    .sort((a, b) => b.n - a.n)
    .slice(0, MAX_CONCEPTS);
  // A need with far less evidence than the leading one is a passing mention: its words would pull the
  // search to its (often many) passages instead of the need asked about.
  while (found.length > 1 && found[found.length - 1]!.n < MIN_SHARE * found[0]!.n) found.pop();
  return { text, concepts: found.map((x) => x.c.id), terms: found.flatMap((x) => x.c.terms) };
}

/** From this many units (measured on the development questions) a question is long and gets focused. */
const LONG_AT = 10;

/** Han characters plus Latin words: how long a question is, alike for Chinese and English. */
export const units = (q: string) => (q.match(/\p{Script=Han}/gu)?.length ?? 0) + (q.match(/[A-Za-z]+/g)?.length ?? 0);

/** A question long enough (LONG_AT units) to tell a situation rather than name its need: focusQuery focuses it. */
export const isFocusedQuestion = (q: string): boolean => units(q) >= LONG_AT;

/**
 * The text to search for a question: short questions as they are (they already name the need);
 * long ones without their noise and with the whitepaper's words for their needs added.
 */
export function focusQuery(question: string): string {
  if (!isFocusedQuestion(question)) return question;
  const k = keyPhrases(question);
  return k.terms.length ? `${k.text} ${k.terms.join(' ')}` : k.text;
}
