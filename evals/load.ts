import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DatasetError, loadJsonl, loadJsonlFile } from '../knowledge/jsonl.js';
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
/** `twin`: on the real parallel set, the id of the same description in the other language. */
export type ScoringCase = z.infer<typeof ScoringCaseSchema> & { split: string; twin?: string };

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

/**
 * Real words (evals/datasets/real/, collected on wip/corpus): human-written descriptions of a
 * company's capability from public sources, rated from the indicator's descriptors before the product
 * scored them; and real questions with the passages that answer their need. Files: scoring-dev.jsonl
 * (development), scoring-test.jsonl (sealed: the headline), parallel.jsonl (zh/en twins),
 * questions-dev.jsonl, questions-test.jsonl. Missing files are skipped.
 */
export const REAL_DIR = path.join(DATASETS_DIR, 'real');

const source = z.object({ url: z.string().min(1), title: z.string().optional(), kind: z.string().optional(), author: z.string().optional() });
const provenance = { source, rated_by: z.string().min(1), rated_at: z.string().min(4), split: z.string().min(1), tags };
export const RealScoringCaseSchema = z.object({
  id: z.string().min(1), indicator: indicatorId, level: level.nullable(), lang: z.enum(['zh', 'en']), answer: z.string().min(1),
  justification: z.string().min(1), written_by: z.string().min(1), ...provenance,
  /** parallel.jsonl only: the id of the other-language line, and which text is the original. */
  twin: z.string().min(1).optional(), original: z.unknown().optional(),
});
export const RealQuestionSchema = z.object({
  id: z.string().min(1), lang: z.enum(['zh', 'en']), query: z.string().min(1), gold: z.array(z.string().min(1)).min(1),
  need: z.string().min(1), ...provenance,
});
/**
 * second-rater.jsonl: an independent second rating of every real scoring line (examples, dev, test),
 * made from the rubric's descriptors without seeing the first rating, the source or the product.
 */
export const SecondRatingSchema = z.strictObject({
  id: z.string().min(1), level: level.nullable(), justification: z.string().min(1), rated_by: z.string().min(1), rated_at: z.string().min(4),
});
export type RealScoringCase = z.infer<typeof RealScoringCaseSchema>;
export type RealQuestion = z.infer<typeof RealQuestionSchema>;

export interface RealData {
  scoring: Record<'dev' | 'test' | 'parallel', ScoringCase[]>;
  questions: Record<'dev' | 'test', EvalQuery[]>;
  /** The second rater's level per line id (null: no basis for a level); empty when the file is absent. */
  secondRater: Map<string, number | null>;
}

/** One real file, or [] when it has not arrived; its lines validated like every data set. */
function realFile<S extends z.ZodType>(dir: string, name: string, schema: S): Array<z.infer<S>> {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? loadJsonlFile(file, schema) : [];
}

export function loadRealData(dir = REAL_DIR): RealData {
  const scoring = (name: string, split: string): ScoringCase[] => realFile(dir, name, RealScoringCaseSchema)
    .map((c) => ({ id: c.id, indicator: c.indicator, level: c.level, lang: c.lang, answer: c.answer, tags: c.tags, split, ...(c.twin ? { twin: c.twin } : {}) }));
  const questions = (name: string): EvalQuery[] => realFile(dir, name, RealQuestionSchema)
    .map((q) => ({ id: q.id, lang: q.lang, query: q.query, gold: q.gold, tags: q.tags }));
  return {
    scoring: { dev: scoring('scoring-dev.jsonl', 'dev'), test: scoring('scoring-test.jsonl', 'test'), parallel: scoring('parallel.jsonl', 'parallel') },
    questions: { dev: questions('questions-dev.jsonl'), test: questions('questions-test.jsonl') },
    secondRater: new Map(realFile(dir, 'second-rater.jsonl', SecondRatingSchema).map((r) => [r.id, r.level])),
  };
}

export function withTag<T extends { tags: string[] }>(items: T[], tag?: string): T[] {
  return tag ? items.filter((x) => x.tags.includes(tag)) : items;
}
