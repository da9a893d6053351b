import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ElementId, IndicatorId, Level, PillarId } from './types.js';

/**
 * The project's English rendering of the whitepaper's texts (descriptors, gists, bottlenecks,
 * capability directions, solutions, case titles), kept as data in knowledge/data/en/. It is our
 * translation, not the authors'; reports say so. A test checks every rubric item has a text.
 */
const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'en');

const text = z.string().min(1).refine((s) => !/\p{Script=Han}/u.test(s), { message: 'English text contains Chinese characters' });
const LevelEn = z.object({ gist: text, text });
export const EnglishIndicatorsSchema = z.record(z.string().regex(/^[1-5]\.[1-5]$/), z.object({
  description: text,
  levels: z.array(LevelEn).length(5),
}));
export const EnglishElementsSchema = z.record(z.string(), z.object({
  bottlenecks: z.array(z.object({ title: text, text })).min(3),
  directions: z.array(text),
}));
/** Keyed by the solution's Chinese name as the matrix prints it. */
export const EnglishSolutionsSchema = z.record(z.string().min(1), text);
export const EnglishMiscSchema = z.object({
  translator: text,
  notice: text,
  source: text,
  notes: z.record(z.enum(['1', '2', '3', '4', '5']), text),
  cases: z.record(z.string().regex(/^\d+$/), text),
  caseSection: text,
  matrix: text,
  allElements: text,
  bottlenecksHeading: text,
  directionsHeading: text,
});

export interface English {
  indicators: z.infer<typeof EnglishIndicatorsSchema>;
  elements: z.infer<typeof EnglishElementsSchema>;
  solutions: z.infer<typeof EnglishSolutionsSchema>;
  misc: z.infer<typeof EnglishMiscSchema>;
}

let cached: English | undefined;

function read<T>(file: string, schema: z.ZodType<T>): T {
  const full = path.join(DIR, file);
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(full, 'utf8')));
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`knowledge/data/en/${file} is invalid (${where})`);
  }
  return parsed.data;
}

export function loadEnglish(): English {
  cached ??= {
    indicators: read('indicators.json', EnglishIndicatorsSchema),
    elements: read('elements.json', EnglishElementsSchema),
    solutions: read('solutions.json', EnglishSolutionsSchema),
    misc: read('misc.json', EnglishMiscSchema),
  };
  return cached;
}

/** Lookups that fail loudly: a missing translation is a data bug the invariant test catches. */
export const en = {
  description: (id: IndicatorId) => must(loadEnglish().indicators[id]?.description, `indicator ${id}`),
  level: (id: IndicatorId, l: Level) => must(loadEnglish().indicators[id]?.levels[l - 1], `indicator ${id} level ${l}`),
  solution: (name: string) => must(loadEnglish().solutions[name], `solution ${name}`),
  bottleneck: (e: ElementId, k: number) => must(loadEnglish().elements[e]?.bottlenecks[k], `bottleneck ${e} ${k}`),
  direction: (e: ElementId, k: number) => must(loadEnglish().elements[e]?.directions[k], `direction ${e} ${k}`),
  note: (p: PillarId) => must(loadEnglish().misc.notes[String(p) as '1'], `note ${p}`),
  caseTitle: (id: number) => must(loadEnglish().misc.cases[String(id)], `case ${id}`),
  misc: () => loadEnglish().misc,
};

function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`no English text for ${what} (knowledge/data/en)`);
  return v;
}
