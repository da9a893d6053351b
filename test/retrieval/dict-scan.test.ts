import { describe, expect, it } from 'vitest';
import { presentWords } from '../../retrieval/dict-scan.js';
import { seededRandom } from '../../retrieval/linalg.js';

/** The definition: a word is present when some line holds it and it has at most `max` code points. */
const naive = (text: string, words: string[], max: number) =>
  new Set(words.filter((w) => w && Array.from(w).length <= max && text.split('\n').some((l) => l.includes(w))));

describe('dictionary words present in a text (trie scan)', () => {
  // A small alphabet (with an astral character and a line break) so words recur, overlap and cross lines.
  const alphabet = ['数', '据', '中', '台', '门', '店', 'a', '𠀀', '\n'];
  const rnd = seededRandom(11);
  const draw = (len: number) => Array.from({ length: len }, () => alphabet[Math.floor(rnd() * alphabet.length)]!).join('');

  it.each([1, 2, 3, 4, 5, 6])('finds exactly the words a substring search finds (seed %i)', (seed) => {
    const text = draw(400 + seed * 50);
    const words = Array.from({ length: 300 }, () => draw(1 + Math.floor(rnd() * 10)).replace(/\n/g, ''));
    for (const max of [3, 8]) expect(presentWords(text, words, max)).toEqual(naive(text, words, max));
  });

  it('does not start a word inside a surrogate pair', () => {
    const astral = '𠀀';
    expect(presentWords(`x${astral}y`, [astral[1]! + 'y', astral + 'y'], 8)).toEqual(new Set([astral + 'y']));
  });
});
