import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJsonFile } from './jsonl.js';
import { ScorerTuningSchema, type ScorerTuning } from './types.js';

/**
 * The offline scorer's tuning constants (weights, ceiling penalty, plain-answer thresholds), kept as data in
 * knowledge/data/scorer.json so a refit on development data changes a data file, not the mechanism.
 */
export const SCORER_TUNING_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'scorer.json');

export function loadScorerTuning(file = SCORER_TUNING_FILE): ScorerTuning {
  return loadJsonFile(file, ScorerTuningSchema);
}

export const SCORER_TUNING: ScorerTuning = loadScorerTuning();
