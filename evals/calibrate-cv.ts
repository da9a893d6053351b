import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibratedConfidence, type Calibration } from '../bot/interview/confidence.js';
import { ece, probsOf, type Scored } from './calibrate-fit.js';
import { CHOSEN, fit, type FitOptions } from './calibrate-model.js';

/**
 * Cross-validates the confidence fit on development data: the real lines (the real dev split and the
 * held-out real examples) fall into K folds by source, never one source in two folds; each fold's lines
 * get their confidence and the proposal threshold from a fit on the synthetic lines and the other folds.
 * The ECE and the proposal precision reported are of those out-of-fold confidences, so a variant is not
 * judged on the lines it was fitted on. Never the sealed test split.
 * Run: `npx tsx evals/calibrate-cv.ts [--from dump.json]` (a dump from `evals/calibrate.ts --dump`).
 */
export const K = 5;

/** Fold of each real line: its source's place in a seeded shuffle of the sources, modulo K. */
export function folds(scored: readonly Scored[], k = K, seed = 20261203): Map<string, number> {
  const groups = [...new Set(scored.filter((s) => s.real).map((s) => s.group ?? 'none'))].sort();
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [groups[i], groups[j]] = [groups[j]!, groups[i]!];
  }
  return new Map(groups.map((g, i) => [g, i % k]));
}

const confidenceOf = (s: Scored, cal: Calibration) => {
  const p = probsOf(s, cal.temperature);
  const share = Math.max(...p);
  const right = p.indexOf(share) + 1 === s.gold;
  return { confidence: calibratedConfidence(share, s.familiarity, s.length, cal), right };
};

export interface CvResult {
  answers: number; ece: number; eceDev: number; proposals: number; right: number; rate: number;
  devProposals: number; devRight: number; thresholds: number[]; synRate: number;
}

/** Out-of-fold confidences of every real line under `opts`, and the proposals each fold's threshold makes. */
export function crossValidate(scored: readonly Scored[], opts: FitOptions, k = K): CvResult {
  const fold = folds(scored, k);
  const oof: Array<{ confidence: number; right: boolean; proposed: boolean; dev: boolean }> = [];
  const thresholds: number[] = [];
  let synProposed = 0, syn = 0;
  for (let f = 0; f < k; f++) {
    const inFold = (s: Scored) => s.real && fold.get(s.group ?? 'none') === f;
    const cal = fit(scored.filter((s) => !inFold(s)), opts);
    thresholds.push(cal.threshold);
    for (const s of scored.filter(inFold)) {
      const c = confidenceOf(s, cal);
      oof.push({ ...c, proposed: c.confidence >= cal.threshold, dev: s.set === 'real-dev' });
    }
    // Synthetic lines are in every training fold: their proposal rate says what the personas will meet.
    for (const s of scored.filter((x) => !x.real)) {
      syn++;
      if (confidenceOf(s, cal).confidence >= cal.threshold) synProposed++;
    }
  }
  const prop = oof.filter((o) => o.proposed);
  const devProp = prop.filter((o) => o.dev);
  return {
    answers: oof.length, ece: ece(oof), eceDev: ece(oof.filter((o) => o.dev)),
    proposals: prop.length, right: prop.filter((o) => o.right).length, rate: prop.length / oof.length,
    devProposals: devProp.length, devRight: devProp.filter((o) => o.right).length, thresholds, synRate: synProposed / syn,
  };
}

/** The variants tried: real weight, what Platt reads, and the threshold rule. */
export function variants(): Array<[string, FitOptions]> {
  const before: FitOptions = { ...CHOSEN, rule: 'point', realShare: 0.5, model: 'full', minN: 10, thresholdOn: 'real-dev' };
  const out: Array<[string, FitOptions]> = [['before (2026-12-03 afternoon)', before]];
  for (const realShare of [0.5, 0.75, 0.9]) {
    for (const model of ['temperature', 'share', 'familiarity', 'full'] as const) {
      const rules = [['point', 10, 0], ['wilson', 10, 1.2816], ['wilson', 20, 1.2816], ['wilson', 20, 1.645]] as const;
      for (const [rule, minN, z] of rules) {
        out.push([`w${realShare} ${model} ${rule}${rule === 'wilson' ? ` n${minN} z${z}` : ' n10'} real`,
          { realShare, model, rule, minN, z, thresholdOn: 'real' }]);
      }
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const from = process.argv.indexOf('--from');
  const scored: Scored[] = from > 0 ? JSON.parse(fs.readFileSync(path.resolve(process.argv[from + 1]!), 'utf8'))
    : await (await import('./calibrate.js')).scoreDevelopment();
  const f3 = (x: number) => x.toFixed(3);
  for (const [name, opts] of variants()) {
    const r = crossValidate(scored, opts);
    const precision = f3(r.right / Math.max(1, r.proposals));
    console.log(`${name.padEnd(40)} ece ${f3(r.ece)} dev ${f3(r.eceDev)} | proposals ${r.right}/${r.proposals} (${precision})` +
      ` rate ${f3(r.rate)} dev ${r.devRight}/${r.devProposals} | syn rate ${f3(r.synRate)}` +
      ` | t ${r.thresholds.map(f3).join(' ')}`);
  }
}
