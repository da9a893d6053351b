import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELEMENT_GLOSSARY, INDICATOR_GLOSSARY, LEVEL_GLOSSARY, PILLAR_GLOSSARY } from './glossary.js';
import { IngestError, parseWhitepaper } from './parse.js';
import { RubricSchema } from './types.js';
import type { Rubric } from './types.js';

/** Turns the shipped whitepaper into the validated rubric model and writes knowledge/rubric.json. */
export const KNOWLEDGE_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE_FILE = path.join(KNOWLEDGE_DIR, 'source', 'whitepaper.md');
export const RUBRIC_FILE = path.join(KNOWLEDGE_DIR, 'rubric.json');

export function buildRubric(text: string, file = 'knowledge/source/whitepaper.md'): Rubric {
  if (!text.trim()) throw new IngestError('the whitepaper', `${file} is empty`);
  const p = parseWhitepaper(text);
  const model = {
    source: { file, sha256: createHash('sha256').update(text).digest('hex') },
    pillars: p.pillars.map((pl) => ({
      id: pl.id, name: pl.name, nameEn: PILLAR_GLOSSARY[pl.id].en, note: pl.note,
      ...(pl.tagline ? { tagline: pl.tagline } : {}),
      definition: pl.definition,
      indicators: pl.indicators.map((ind) => ({
        id: ind.id, pillar: ind.pillar, name: ind.name, nameEn: INDICATOR_GLOSSARY[ind.id].en, description: ind.description,
        levels: ind.levels.map((l) => ({ level: l.level, label: l.label, labelEn: LEVEL_GLOSSARY[l.level].en, text: l.text })),
      })),
    })),
    elements: p.elements.map((e) => ({ ...e, nameEn: ELEMENT_GLOSSARY[e.id].en })),
    solutions: p.solutions,
    crossElement: p.crossElement,
    products: p.products,
    cases: p.cases,
    sections: p.sections,
  };
  const parsed = RubricSchema.safeParse(model);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new IngestError('the rubric model', `validation failed (${where})`);
  }
  return parsed.data as Rubric;
}

/** Stable serialisation: the committed file must be byte-identical when regenerated. */
export function serialiseRubric(rubric: Rubric): string {
  return JSON.stringify(rubric, null, 2) + '\n';
}

export function ingestWhitepaper(source = SOURCE_FILE, out = RUBRIC_FILE): { rubric: Rubric; changed: boolean } {
  const text = fs.readFileSync(source, 'utf8');
  const rubric = buildRubric(text, path.relative(path.dirname(KNOWLEDGE_DIR), source) || source);
  const json = serialiseRubric(rubric);
  const before = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (before !== json) fs.writeFileSync(out, json);
  return { rubric, changed: before !== json };
}
