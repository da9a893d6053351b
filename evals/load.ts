import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DatasetError, loadJsonl } from '../knowledge/jsonl.js';
import { EvalQuerySchema, type EvalQuery } from '../retrieval/metrics.js';

/**
 * The eval data sets: one zod schema per line kind, and a JSONL loader whose errors name
 * file:line. The retrieval schema is the retrieval module's own (retrieval/metrics.ts).
 */
export const DATASETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'datasets');

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const indicatorId = z.string().regex(/^[1-5]\.[1-5]$/, 'an indicator id 1.1 … 5.5');
const element = z.enum(['brand', 'product', 'manufacturing', 'channel', 'marketing', 'retail', 'service', 'logistics', 'finance', 'organization', 'technology']);
const tags = z.array(z.string().min(1));

export const ScoringCaseSchema = z.strictObject({
  id: z.string().min(1),
  indicator: indicatorId,
  /** null: the answer holds nothing to assess, and must get no level. */
  level: level.nullable(),
  lang: z.enum(['zh', 'en']),
  answer: z.string().min(1),
  tags,
  note: z.string().optional(),
  /** The level an independent second rater gave, blind to `level` and to the scorer. */
  second_rater: level.nullable().optional(),
});
export type ScoringCase = z.infer<typeof ScoringCaseSchema> & { split: string };

export const ConversationCaseSchema = z.strictObject({
  id: z.string().min(1),
  lang: z.enum(['zh', 'en']),
  /** Set-up done by flags (like `wuyin chat --mode`); without it the messages do the set-up. */
  preset: z.strictObject({ mode: z.enum(['quick', 'standard', 'focus']), pillar: level.optional(), elements: z.array(element).optional() }).optional(),
  messages: z.array(z.string()).min(1),
  expect: z.strictObject({
    complete: z.boolean(),
    indicators: z.record(indicatorId, level),
    overall: z.number().min(1).max(5).optional(),
    recommendations: z.array(z.string().min(1)).optional(),
    skipped: z.array(indicatorId).optional(),
  }),
  tags,
  note: z.string().optional(),
});
export type ConversationCase = z.infer<typeof ConversationCaseSchema>;

// The loader is shared with the scorer's settled answers (knowledge/examples.ts).
export { DatasetError, loadJsonl };

/** Whitepaper questions with the kind of answer they should get (bot/qa.ts) and words the answer must or must not hold. */
export const AnswerCaseSchema = z.object({
  id: z.string().min(1),
  /** The same question's other-language form shares this key: both must get the same kind. */
  pair: z.string().min(1).optional(),
  lang: z.enum(['zh', 'en']),
  query: z.string().min(1),
  kind: z.enum(['pillars', 'definition', 'case', 'solution', 'passages']),
  contains: z.array(z.string().min(1)).default([]),
  absent: z.array(z.string().min(1)).default([]),
  tags,
  note: z.string().optional(),
});
export type AnswerCase = z.infer<typeof AnswerCaseSchema>;
export const loadAnswerCases = (dir = path.join(DATASETS_DIR, 'answers')): AnswerCase[] => loadJsonl(dir, AnswerCaseSchema);

/** A persona for a whole standard interview: its own words and level for each of the 25 indicators. */
export const PersonaCaseSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(['zh', 'en']),
  /** The element step's answer, as the persona would type it. */
  elements: z.string().min(1),
  answers: z.record(indicatorId, z.object({ text: z.string().min(1), level })).refine((a) => Object.keys(a).length === 25, 'all 25 indicators'),
  tags,
  note: z.string().optional(),
});
export type PersonaCase = z.infer<typeof PersonaCaseSchema>;
export const loadPersonaCases = (dir = path.join(DATASETS_DIR, 'personas')): PersonaCase[] => loadJsonl(dir, PersonaCaseSchema);

export const loadRetrievalCases = (dir = path.join(DATASETS_DIR, 'retrieval')): EvalQuery[] => loadJsonl(dir, EvalQuerySchema);

/** Scoring answers; `split` is the file stem: p45 (tuned on), p123 (held out), the blind-written files and the settled-answer files (evals/datasets/README.md). */
export const loadScoringCases = (dir = path.join(DATASETS_DIR, 'scoring')): ScoringCase[] =>
  loadJsonl(dir, ScoringCaseSchema).map((c) => ({ ...c, split: c.file.replace(/\.jsonl$/, '') }));

export const loadConversationCases = (dir = path.join(DATASETS_DIR, 'conversation')): ConversationCase[] => loadJsonl(dir, ConversationCaseSchema);

export function withTag<T extends { tags: string[] }>(items: T[], tag?: string): T[] {
  return tag ? items.filter((x) => x.tags.includes(tag)) : items;
}
