import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CUE_WORDS, CUE_WORDS_FILE, loadCueWords } from '../../knowledge/cues.js';
import { CueWordsSchema } from '../../knowledge/types.js';

/** The stated invariants of knowledge/data/cues.json (the scorer's cue and negation words). */
const raw = () => JSON.parse(fs.readFileSync(CUE_WORDS_FILE, 'utf8'));
const groups = [...CUE_WORDS.cues, ...CUE_WORDS.caps.groups];
// Every (group, pattern) of the cue lists with the level it says.
const listed = [
  ...groups.map((g) => ({ id: g.id, level: g.level, patterns: g.patterns })),
  { id: 'breadth', level: CUE_WORDS.breadth.level, patterns: CUE_WORDS.breadth.patterns },
  ...CUE_WORDS.topClaims.groups.map((g) => ({ id: g.id, level: CUE_WORDS.topClaims.level, patterns: g.patterns })),
].flatMap((g) => g.patterns.map((p) => ({ ...g, p })));
const isLiteral = (p: string) => !/[\\()[\]{}|?*+.^$]/u.test(p);

/** The top-level alternatives of a pattern ("a|b(c|d)" → "a", "b(c|d)"), skipping escapes and classes. */
function alternatives(p: string): string[] {
  const out: string[] = [];
  let depth = 0, cur = '', esc = false, cls = false;
  for (const ch of p) {
    if (esc) { cur += ch; esc = false; continue; }
    if (ch === '\\') esc = true;
    else if (cls) cls = ch !== ']';
    else if (ch === '[') cls = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  return [...out, cur];
}
/** An ASCII word at either end of a whole pattern with no \b there: "demo" would match "democratisation". */
const unbounded = (p: string) => alternatives(p).some((a) => /^(?:\(\?:|\()*[a-z]/iu.test(a) || /(?<!\\)[a-z](?:\)[?*+]?|\?)*$/iu.test(a));

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

  it('never reads one word at two levels, let alone two polarities: no literal is matched by a pattern of another level '
    + '(部分 inside 大部分, 离线 at 1 and 5)', () => {
    for (const word of listed.filter((x) => isLiteral(x.p))) {
      for (const other of listed.filter((x) => x.level !== word.level)) {
        expect(new RegExp(other.p, 'iu').test(word.p), `'${word.p}' (${word.id}) also read by ${other.id}: ${other.p}`).toBe(false);
      }
    }
  });

  it('puts a word boundary at each end of a pattern that starts or ends with an ASCII word (poc, demo)', () => {
    const whole = [...listed, ...['deniedAbsence', 'denial', 'contrast'].flatMap((k) =>
      CUE_WORDS[k as 'denial'].patterns.map((p) => ({ id: k, p })))];
    for (const { id, p } of whole) expect(unbounded(p), `${id}: ${p}`).toBe(false);
    // The check itself: it catches a bare word, a word at the end of a group, and one side of an alternation.
    for (const p of ['demo', '(试点|demo)', '\\bwhatsapp|wechat groups?\\b', '\\b(lost|lose) data']) expect(unbounded(p), p).toBe(true);
    for (const p of ['\\bdemos?\\b', '试点', '\\b(whatsapp|wechat groups?)\\b', '\\bexcel(里|表)']) expect(unbounded(p), p).toBe(false);
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
      for (const earlier of negators.patterns.slice(0, i)) {
        if (isLiteral(earlier) && isLiteral(p)) expect(p.startsWith(earlier), `${earlier} before ${p}`).toBe(false);
      }
    });
  });
});
