/**
 * Text repair for the OCR'd whitepaper: the OCR splits Chinese words with stray spaces
 * ("数 据丢失"), once renders 和 as "and", and writes the note 徵 as 徽 or 微.
 */

// Ideographs plus CJK and full-width punctuation: a space between two of these is never meaningful.
const CJK = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef“”‘’';
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK}])[ \\t\\u00a0]+(?=[${CJK}])`, 'gu');
const OCR_AND = new RegExp(`([${CJK}])\\s+and\\s+(?=[${CJK}])`, 'gu');

export function cleanText(raw: string): string {
  return raw
    .replace(/<[^>]+>/g, ' ')
    .replace(OCR_AND, '$1和')
    .replace(SPACE_BETWEEN_CJK, '$1')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/** True when a Chinese character is followed by whitespace and another Chinese character. */
export function hasSpaceBetweenCjk(text: string): boolean {
  return /[\u4e00-\u9fff][ \t\u00a0\u3000]+[\u4e00-\u9fff]/u.test(text);
}

/** The five notes, repaired: the OCR writes 徵 as 徽 or 微. */
export function normaliseNotes(raw: string): string {
  return raw.replace(/[徽微]/g, '徵');
}
