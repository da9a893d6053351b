import { CUE_WORDS } from '../../knowledge/cues.js';

/**
 * Negation scope, so "没有灾备机房" reads as the absence of 灾备 — which the level-2 descriptor
 * ("缺乏灾备配套的体系保障") describes — and not as the level-4 "有灾备体系". A negation cue
 * negates the rest of its clause; both answers and descriptors are segmented the same way.
 */
export interface Segment { text: string; negated: boolean }

// The words are data (knowledge/data/cues.json → negation); the scope rule is here.
const N = CUE_WORDS.negation;
// Words that start with a negation character but do not negate (不断 = continuously, 无人店 = unmanned store).
const FALSE_NEG = new RegExp(`(${N.falseNegations.words.join('|')})`, 'gu');
const DOUBLE_NEG = new RegExp(N.doubleNegation.patterns.join('|'), 'gu');
const NEG = new RegExp(`(${N.negators.patterns.join('|')})`, 'giu');
const CLAUSE = new RegExp(N.clauseBreak.patterns.join('|'), 'u');

export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  for (const clause of text.split(CLAUSE)) {
    if (!clause.trim()) continue;
    // Masks keep offsets while hiding the false negations and the denied absences.
    const masked = clause.replace(FALSE_NEG, (m) => '\u0000'.repeat(m.length)).replace(DOUBLE_NEG, (m) => '\u0001'.repeat(m.length));
    NEG.lastIndex = 0;
    const m = NEG.exec(masked);
    if (!m) { out.push({ text: clause, negated: false }); continue; }
    const head = clause.slice(0, m.index);
    const tail = clause.slice(m.index + m[0].length);
    if (head.trim()) out.push({ text: head, negated: false });
    if (tail.trim()) out.push({ text: tail, negated: true });
  }
  return out;
}
