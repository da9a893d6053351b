import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScorerTuningSchema, type ScorerTuning } from './types.js';

/**
 * The offline scorer's tuning constants (weights, ceiling penalty, plain-answer thresholds), kept as data in
 * knowledge/data/scorer.json so a refit on development data changes a data file, not the mechanism.
 */
export const SCORER_TUNING_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'scorer.json');

export function loadScorerTuning(file = SCORER_TUNING_FILE): ScorerTuning {
  const parsed = ScorerTuningSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export const SCORER_TUNING: ScorerTuning = loadScorerTuning();
