import fs from 'node:fs';
import { RUBRIC_FILE } from './ingest.js';
import { RubricSchema } from './types.js';
import type { ElementId, Indicator, IndicatorId, Pillar, PillarId, Rubric } from './types.js';

/** Loads the committed rubric model once per process, validated, with lookups by id. */
let cached: Rubric | undefined;

export function loadRubric(file = RUBRIC_FILE): Rubric {
  if (cached && file === RUBRIC_FILE) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the rubric model ${file}: ${(err as Error).message} (run: npm run knowledge)`);
  }
  const parsed = RubricSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`the rubric model ${file} is invalid (${where}); regenerate it with: npm run knowledge`);
  }
  const rubric = parsed.data as Rubric;
  if (file === RUBRIC_FILE) cached = rubric;
  return rubric;
}

export function pillarOf(rubric: Rubric, id: PillarId): Pillar {
  return rubric.pillars[id - 1]!;
}

export function indicatorOf(rubric: Rubric, id: IndicatorId): Indicator {
  const [p, i] = id.split('.').map(Number) as [PillarId, PillarId];
  return rubric.pillars[p - 1]!.indicators[i - 1]!;
}

export function allIndicators(rubric: Rubric): Indicator[] {
  return rubric.pillars.flatMap((p) => p.indicators);
}

export function isIndicatorId(s: string): s is IndicatorId {
  return /^[1-5]\.[1-5]$/.test(s);
}

/** Accepts an element id (retail), its Chinese name (零售) or English name (Retail). */
export function resolveElement(rubric: Rubric, s: string): ElementId | undefined {
  const k = s.trim().toLowerCase();
  return rubric.elements.find((e) => e.id === k || e.name === s.trim() || e.nameEn.toLowerCase() === k)?.id;
}
