import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CUE_WORDS, CUE_WORDS_FILE, loadCueWords } from '../../knowledge/cues.js';
import { CueWordsSchema } from '../../knowledge/types.js';

/** The stated invariants of knowledge/data/cues.json (the scorer's cue and negation words). */
const raw = () => JSON.parse(fs.readFileSync(CUE_WORDS_FILE, 'utf8'));
const groups = [...CUE_WORDS.cues, ...CUE_WORDS.caps.groups];
// Every (group, pattern) of the cue lists, with the polarity its level stands for: absent (1–2) or present (4–5).
const listed = [
  ...groups.map((g) => ({ id: g.id, level: g.level, patterns: g.patterns })),
  { id: 'breadth', level: CUE_WORDS.breadth.level, patterns: CUE_WORDS.breadth.patterns },
].flatMap((g) => g.patterns.map((p) => ({ ...g, p })));
const polarity = (level: number) => (level <= 2 ? 'absent' : level >= 4 ? 'present' : 'partial');
const isLiteral = (p: string) => !/[\\()[\]{}|?*+.^$]/u.test(p);

describe('cue words (knowledge/data/cues.json)', () => {
  it('parses, and every pattern compiles with the flags the reader uses', () => {
    expect(() => loadCueWords()).not.toThrow();
    for (const { id, p } of listed) expect(() => new RegExp(p, 'giu'), `${id}: ${p}`).not.toThrow();
  });

  it('rejects a pattern that does not compile, a weight that is not positive, and an unknown field', () => {
    const bad = raw();
    bad.cues[0].patterns.push('(没有');
    expect(CueWordsSchema.safeParse(bad).success).toBe(false);
    const zero = raw();
    zero.cues[0].weight = 0;
    expect(CueWordsSchema.safeParse(zero).success).toBe(false);
    const extra = raw();
    extra.cues[0].levle = 2;
    expect(CueWordsSchema.safeParse(extra).success).toBe(false);
  });

  it('gives every group a unique id', () => {
    const ids = groups.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists no pattern twice, within a group or across groups', () => {
    const seen = new Map<string, string>();
    for (const { id, p } of listed) {
      expect(seen.get(p), `'${p}' in ${seen.get(p)} and ${id}`).toBeUndefined();
      seen.set(p, id);
    }
  });

  it('never lets a word of one polarity be matched by a pattern of the opposite one (离线 at 1 and at 5)', () => {
    for (const word of listed.filter((x) => isLiteral(x.p) && polarity(x.level) !== 'partial')) {
      for (const other of listed.filter((x) => polarity(x.level) !== 'partial' && polarity(x.level) !== polarity(word.level))) {
        expect(new RegExp(`^(?:${other.p})$`, 'iu').test(word.p), `'${word.p}' (${word.id}) matched by ${other.id}: ${other.p}`).toBe(false);
      }
    }
  });

  it('names coverage levels from the highest share down, ending at 0, one level per step', () => {
    const steps = CUE_WORDS.coverage.levels;
    expect(steps.at(-1)!.atLeast).toBe(0);
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]!.atLeast).toBeLessThan(steps[i - 1]!.atLeast);
      expect(steps[i]!.level).toBe(steps[i - 1]!.level - 1);
    }
    expect(CUE_WORDS.breadth.matureLevel).toBeGreaterThan(CUE_WORDS.breadth.level);
  });

  it('keeps the negation words apart from the words that only look negative (不断, 无人店)', () => {
    const { falseNegations, negators } = CUE_WORDS.negation;
    for (const w of falseNegations.words) expect(negators.patterns, w).not.toContain(w);
    // A negator tried after its own prefix would never match (没 before 没有): longer words come first.
    negators.patterns.forEach((p, i) => {
      for (const earlier of negators.patterns.slice(0, i)) if (isLiteral(earlier) && isLiteral(p)) expect(p.startsWith(earlier), `${earlier} before ${p}`).toBe(false);
    });
  });
});
