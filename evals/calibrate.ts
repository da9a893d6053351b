import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerLength, CALIBRATION_FILE, CalibrationSchema, calibratedConfidence, lengthFeature, UNCALIBRATED, type Calibration } from '../bot/interview/confidence.js';
import { createOfflineScorer, type Scorer } from '../bot/interview/scorer.js';
import { createLevelSimilarity } from '../bot/interview/similarity.js';
import { loadLevelExamples } from '../knowledge/examples.js';
import { loadRubric } from '../knowledge/load.js';
import { createRetriever } from '../retrieval/retriever.js';
import type { IndicatorId, Level } from '../knowledge/types.js';
import { loadScoringCases } from './load.js';
import { ece, probsOf, type Scored } from './calibrate-fit.js';
import { CHOSEN, fit, HOW } from './calibrate-model.js';

export { ece, fitPlatt, isMonotone, L_RANGE, type PlattRow, type Scored } from './calibrate-fit.js';
export { bestPrecisionThreshold, boundedThreshold, MIN_SUPPORT, proposalThreshold, wilsonLower } from './calibrate-threshold.js';
export { CHOSEN, fit, weighted, type FitOptions } from './calibrate-model.js';

/**
 * Fits the proposal confidence on DEVELOPMENT data only: the synthetic scoring files (each scored with
 * its own answers held out of the examples, as the eval does), the settled answers of knowledge/data/examples
 * (each file held out) and evals/datasets/real/scoring-dev.jsonl.
 * Never the sealed test split. Writes knowledge/data/calibration.json: the softmax temperature that
 * minimises the log-loss of the gold level, the lowest threshold at which ≥ 90 % of proposals are right,
 * and how it was fitted. Run: `npx tsx evals/calibrate.ts [--write]`.
 */
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const REAL_DEV = path.join(ROOT, 'evals', 'datasets', 'real', 'scoring-dev.jsonl');
const REAL_EXAMPLES = path.join(ROOT, 'knowledge', 'data', 'examples', 'real.jsonl');

function readReal(file: string): Array<{ id: string; indicator: string; level: Level; answer: string; source?: { url?: string } }> {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

export async function scoreDevelopment(): Promise<Scored[]> {
  const rubric = loadRubric();
  const examples = loadLevelExamples();
  // The scorer as the product builds it (bot/index.ts), dense similarity to the level passages included:
  // fitted without it, the shares would not be the product's.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-calibrate-'));
  const retriever = await createRetriever({ rubric, dataDir });
  const scorer = createOfflineScorer(rubric, createLevelSimilarity(rubric, retriever.tokenizer(), true, examples), undefined,
    (answer, ids) => retriever.scorePassages(answer, ids));
  const out: Scored[] = [];
  const held = new Map<string, Scorer>();
  const holding = (source: string) => {
    let s = held.get(source);
    if (!s) held.set(source, (s = scorer.holdingOut!(new Set([source]))));
    return s;
  };
  const push = async (s: Scorer, c: { indicator: string; level: Level; answer: string }, real: boolean, set: Scored['set'], group?: string) => {
    const r = await s.score(c.indicator as IndicatorId, c.answer);
    if (r.level) out.push({ gold: c.level, candidates: r.candidates, familiarity: r.familiarity ?? 0, weight: 1, real, length: answerLength(c.answer), set,
      ...(group ? { group } : {}) });
  };
  const urlOf = new Map(readReal(REAL_EXAMPLES).map((e) => [e.id, e.source?.url ?? e.id]));
  // The synthetic eval files, and every settled answer scored with its own file held out of the examples.
  for (const c of loadScoringCases()) if (c.level !== null) await push(holding(c.split), { ...c, level: c.level as Level }, false, 'synthetic');
  for (const e of examples) await push(holding(e.source), e, e.source === 'real', 'examples', e.source === 'real' ? urlOf.get(e.id) ?? e.id : undefined);
  // Real words' development split: what the scorer meets.
  for (const c of readReal(REAL_DEV)) await push(scorer, c, true, 'real-dev', c.source?.url ?? c.id);
  fs.rmSync(dataDir, { recursive: true, force: true });
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const scored = await scoreDevelopment();
  const cal = fit(scored);
  // --dump <file>: the scored development lines, for analysis outside the fit.
  const dump = process.argv.indexOf('--dump');
  if (dump > 0 && process.argv[dump + 1]) fs.writeFileSync(process.argv[dump + 1]!, JSON.stringify(scored));
  console.log(JSON.stringify(cal, null, 2));
  // Real and synthetic as fitted, then the real words' dev split alone (the split most like the sealed one).
  const groups: Array<[string, (s: Scored) => boolean]> = [
    ['real', (s) => s.real], ['synthetic', (s) => !s.real], ['real dev split', (s) => s.set === 'real-dev']];
  for (const [name, which] of groups) {
    const pts = scored.filter(which).map((s) => {
      const p = probsOf(s, cal.temperature);
      const share = Math.max(...p);
      return { confidence: calibratedConfidence(share, s.familiarity, s.length, cal), right: p.indexOf(share) + 1 === s.gold };
    });
    const prop = pts.filter((p) => p.confidence >= cal.threshold);
    console.log(`${name}: n=${pts.length} ece=${ece(pts).toFixed(3)} proposals=${prop.length} right=${prop.filter((p) => p.right).length}`);
  }
  // The chosen variant's out-of-fold figures (evals/calibrate-cv.ts), recorded with the fit.
  const { crossValidate, K } = await import('./calibrate-cv.js');
  const cv = crossValidate(scored, CHOSEN);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  // What this fit measured, in words beside the numbers of real and cv.
  const real = cal.fitted.real;
  const measured = real ? ` Measured: the best real lower bound ${real.lowerBound}${real.lowerBound < 0.9 ? ' (< 0.90, so the pooled cut decides)' : ''};` +
    ` real lines above the threshold right ${real.right} of ${real.proposals} in sample, ${cv.right} of ${cv.proposals} out of fold;` +
    ` out-of-fold ECE ${r3(cv.ece)} on the ${cv.answers} real lines, ${r3(cv.eceDev)} on the real dev split.` : '';
  const out = CalibrationSchema.parse({ ...cal, fitted: { ...cal.fitted, how: HOW + measured, cv: { folds: K, answers: cv.answers, ece: r3(cv.ece),
    eceDev: r3(cv.eceDev), proposals: cv.proposals, right: cv.right, thresholds: cv.thresholds } } });
  console.log(JSON.stringify(out.fitted.cv));
  if (process.argv.includes('--write')) fs.writeFileSync(CALIBRATION_FILE, JSON.stringify(out, null, 2) + '\n');
}
