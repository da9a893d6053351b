/**
 * Short texts for a phone screen: a width measure (a CJK character is one unit, Latin half) and
 * gists that end on a word or clause boundary. Words come from the ICU word segmenter built into
 * Node (Intl.Segmenter, dictionary-based for Chinese), so nothing is loaded at start.
 */
let segmenter: Intl.Segmenter | undefined;

/** Display width in CJK units: wide (Han, kana, full-width forms, CJK punctuation, emoji) 1, the rest ½. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\p{Extended_Pictographic}]/u.test(ch) ? 1 : 0.5;
  return w;
}

// A gist must not end on a word that needs what follows (的, 和, 对 …): it reads as cut off.
// English names are cut the same way (not after "and", "of", a space or a hyphen).
const DANGLING = /^(的|地|得|和|与|及|或|或者|对|在|将|把|被|为|以|从|向|于|并|且|而|等|了|着|通过|基于|进行|以及|包括|能够|可以|具备|具有|拥有|来|、|，|：|\s+|-|·|and|or|of|the|a|an|to|in|for|with)$/iu;
// English clauses end at ; or . before a space (never inside 2.0 or 1.1; a comma often only lists).
const CLAUSE = /(?<=[，；。！？])|(?<=[;.] )/u;

/**
 * The first clauses of `text` that fit in `max` width units. When even the first clause is longer,
 * it is cut after the last whole word that fits (never after a dangling function word) and "…" marks
 * the cut. Trailing sentence punctuation is dropped.
 */
export function gist(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  let out = '';
  for (const clause of clean.split(CLAUSE)) {
    const next = out + clause;
    if (displayWidth(next.replace(/[，；。！？]$|[;,.] ?$/u, '')) > max) break;
    out = next;
  }
  out = out.replace(/[，；。！？]$|[;,.] ?$/u, '');
  if (out) return out;
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words = [...segmenter.segment(clean)].map((s) => s.segment);
  const kept: string[] = [];
  for (const w of words) {
    if (displayWidth(kept.join('') + w) > max - 1) break;
    kept.push(w);
  }
  // ICU splits words it does not know (可视化) into single characters: never cut between two of them.
  const single = (w: string | undefined) => w !== undefined && /^\p{Script=Han}$/u.test(w);
  while (kept.length > 1 && (DANGLING.test(kept[kept.length - 1]!) || (single(kept[kept.length - 1]) && single(words[kept.length])))) kept.pop();
  return kept.join('') + '…';
}

/**
 * A level descriptor without its leading subject (企业/企业的/整体), unless that word belongs to what
 * follows: "企业层面有基本的数据规划" keeps its 企业.
 */
export function withoutSubject(text: string): string {
  return text.replace(/^企业(?!层面|级)的?/u, '').replace(/^整体的/u, '');
}
