import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS } from '../../bot/interview/scorer.js';
import { SCORER_TUNING, SCORER_TUNING_FILE } from '../../knowledge/scorer-tuning.js';
import { ScorerTuningSchema } from '../../knowledge/types.js';

/** The stated invariants of knowledge/data/scorer.json (the offline scorer's tuning constants). */
describe('scorer tuning (knowledge/data/scorer.json)', () => {
  it('is what the scorer weighs with: every weight and nothing else', () => {
    const { about: _, ...weights } = SCORER_TUNING.weights;
    expect(DEFAULT_WEIGHTS).toEqual(weights);
    expect(Object.keys(DEFAULT_WEIGHTS)).not.toContain('about');
  });

  it('rejects a negative weight, a threshold above 1 and an unknown field', () => {
    const raw = () => JSON.parse(fs.readFileSync(SCORER_TUNING_FILE, 'utf8'));
    const negative = raw();
    negative.weights.cues = -1;
    expect(ScorerTuningSchema.safeParse(negative).success).toBe(false);
    const high = raw();
    high.plainAnswer.descriptors = 1.5;
    expect(ScorerTuningSchema.safeParse(high).success).toBe(false);
    const extra = raw();
    extra.weights.cue = 1;
    expect(ScorerTuningSchema.safeParse(extra).success).toBe(false);
    const unclaimed = raw();
    unclaimed.unclaimedTop.value = -1;
    expect(ScorerTuningSchema.safeParse(unclaimed).success).toBe(false);
    expect(ScorerTuningSchema.safeParse(raw()).success).toBe(true);
  });
});
