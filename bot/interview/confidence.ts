import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Level } from '../../knowledge/types.js';

/**
 * What the proposal confidence means. The scorer's five level scores become probabilities through a
 * softmax, and the chosen level's share is mapped through a Platt scaling that also reads how familiar
 * the answer is (words unlike any settled answer are wrong more often than their share says) and how long
 * it is; fitted on development data only, never falling with the share or familiarity (evals/calibrate.ts writes
 * knowledge/data/calibration.json, with what it was fitted on), so that "0.8" is right about 80 % of
 * the time (the fit is chosen by cross-validation by source over the real development lines, so that holds out of
 * sample). The threshold is the lowest confidence at which ≥ 90 % of the (weighted) development proposals were
 * right, and never below where enough real ones have the best lower bound of precision: above it the interview
 * proposes a level; below it, one follow-up between two adjacent levels.
 */
export const CalibrationSchema = z.object({
  method: z.literal('temperature-platt'),
  /** Multiplies the level scores before the softmax. */
  temperature: z.number().positive(),
  /**
   * confidence = σ(a·logit(p) + b·familiarity + c + L·(d + e·logit(p) + f·familiarity)), p the softmax
   * share of the chosen level, L = lengthFeature(answerLength(answer)): how much share and familiarity
   * say depends on how long the answer is (a long passage spreads over many levels' words).
   */
  platt: z.object({ a: z.number(), b: z.number(), c: z.number(), d: z.number().default(0), e: z.number().default(0), f: z.number().default(0) }),
  /** Proposal threshold: at or above it, `precision` of the weighted development proposals were right (real: fitted.real). */
  threshold: z.number().min(0).max(1),
  precision: z.number().min(0).max(1),
  /** Between `medium` and `threshold` a confidence is shown as 中/medium; below, 低/low. */
  medium: z.number().min(0).max(1),
  fitted: z.object({
    on: z.array(z.string().min(1)).min(1),
    answers: z.number().int().positive(),
    date: z.string().min(1),
    how: z.string().min(1),
    ece: z.number().min(0).max(1),
    /** The real words' development split alone: how many of its answers were proposed outright, how many right. */
    realDev: z.object({ answers: z.number().int().positive(), proposals: z.number().int().min(0), right: z.number().int().min(0) })
      .refine((d) => d.right <= d.proposals && d.proposals <= d.answers, 'right ≤ proposals ≤ answers').optional(),
    /** All real development lines the threshold was set on, and the lower bound of the precision above it. */
    real: z.object({ answers: z.number().int().positive(), proposals: z.number().int().min(0), right: z.number().int().min(0),
      lowerBound: z.number().min(0).max(1) }).optional(),
    /** Out-of-fold figures on the real lines (folds by source): the ECE and proposals of confidences not fitted on them. */
    cv: z.object({ folds: z.number().int().positive(), answers: z.number().int().positive(), ece: z.number().min(0).max(1),
      eceDev: z.number().min(0).max(1), proposals: z.number().int().min(0), right: z.number().int().min(0),
      thresholds: z.array(z.number().min(0).max(1)) }).optional(),
  }),
}).refine((c) => c.medium <= c.threshold, 'medium must not exceed threshold');
export type Calibration = z.infer<typeof CalibrationSchema>;

export const CALIBRATION_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge', 'data', 'calibration.json');

/** Before any fit (and for the fit itself): the scorer's historical softmax, proposing at 0.5. */
export const UNCALIBRATED: Calibration = {
  method: 'temperature-platt', temperature: 1.5, platt: { a: 1, b: 0, c: 0, d: 0, e: 0, f: 0 }, threshold: 0.5, precision: 0, medium: 0.35,
  fitted: { on: ['none'], answers: 1, date: 'never', how: 'the softmax of the first sessions, unfitted', ece: 1 },
};

export function loadCalibration(file = CALIBRATION_FILE): Calibration {
  if (!fs.existsSync(file)) return UNCALIBRATED;
  return CalibrationSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export const CALIBRATION = loadCalibration();

/** Per level (index 0 = level 1), the probability of each level given the scorer's five scores. */
export function levelProbabilities(scores: readonly number[], temperature = CALIBRATION.temperature): number[] {
  const m = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - m) * temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * The calibrated confidence of the chosen level: its softmax share, corrected by how familiar the answer
 * is (its closest settled answers) and how long it is. Words unlike anything settled are wrong more often
 * than their share says; so is a long passage with the same share.
 */
/**
 * How long an answer is, the same in both languages: Han characters plus two per word in Latin script
 * (an English translation runs about three times the characters of its Chinese original, and about two
 * Han characters per English word), so that a twin gets the same confidence as its original.
 */
export function answerLength(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/[\p{Script=Latin}\d][\p{Script=Latin}\d'’-]*/gu)?.length ?? 0;
  return han + 2 * words;
}

/**
 * L of the calibration: ln(1 + length), the length (answerLength) read within the range the fit saw
 * (about 20 to 500), so a three-word answer or a pasted page is not extrapolated into certainty or nothing.
 */
export function lengthFeature(chars: number): number {
  return Math.log(1 + Math.min(500, Math.max(20, chars)));
}

export function calibratedConfidence(share: number, familiarity: number, chars = 0, cal: Calibration = CALIBRATION): number {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, share));
  const logit = Math.log(p / (1 - p));
  const { a, b, c, d, e, f } = cal.platt;
  const L = lengthFeature(chars);
  const z = a * logit + b * familiarity + c + L * (d + e * logit + f * familiarity);
  return 1 / (1 + Math.exp(-z));
}

export type ConfidenceBand = 'high' | 'medium' | 'low';

/** How a free-text confidence is shown (高/中/低): high is where the interview proposes outright. */
export function confidenceBand(c: number, cal: Calibration = CALIBRATION): ConfidenceBand {
  return c >= cal.threshold ? 'high' : c >= cal.medium ? 'medium' : 'low';
}

/**
 * The two levels one follow-up contrasts: the likeliest level and the likelier of its two neighbours —
 * never "3 or 5", which asks the person to choose between descriptions that are not next to each other.
 */
export function followupPair(candidates: ReadonlyArray<{ level: Level; score: number }>): [Level, Level] {
  const best = candidates[0]!.level;
  const score = (l: number) => candidates.find((c) => c.level === l)?.score ?? -Infinity;
  const other = (best === 1 ? 2 : best === 5 ? 4 : score(best - 1) >= score(best + 1) ? best - 1 : best + 1) as Level;
  return [Math.min(best, other), Math.max(best, other)] as [Level, Level];
}
