/**
 * Negation scope, so "没有灾备机房" reads as the absence of 灾备 — which the level-2 descriptor
 * ("缺乏灾备配套的体系保障") describes — and not as the level-4 "有灾备体系". A negation cue
 * negates the rest of its clause; both answers and descriptors are segmented the same way.
 */
export interface Segment { text: string; negated: boolean }

// Words that start with a negation character but do not negate (不断 = continuously, 无人店 = unmanned store).
const FALSE_NEG = /(不过|不断|不同|不仅|不少|不错|不光|无人|无论|没错|不久|不管|无缝|未来)/gu;
const DOUBLE_NEG = /(不是|并非|倒不是|也不是)(完全)?(没有|没|无)/gu;
const NEG = /(没有|没|无法|无|缺少|缺乏|缺|尚未|尚不|未能|未|不具备|不能|不够|不成|难以|不|\bnot\b|\bno\b|\bwithout\b|\black(s|ing)?\b|\bnever\b|n't\b)/giu;
const CLAUSE = /[，。；！？,;.!?\n：:（）()]+/u;

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
