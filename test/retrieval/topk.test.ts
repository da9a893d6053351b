import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../retrieval/linalg.js';
import { topK } from '../../retrieval/topk.js';

/** The reference: every positive, allowed score sorted by (score desc, position asc). */
const bySort = (s: number[], k: number, allowed: (i: number) => boolean) =>
  s.map((_, i) => i).filter((i) => s[i]! > 0 && allowed(i)).sort((a, b) => s[b]! - s[a]! || a - b).slice(0, k);

describe('topK', () => {
  it('gives what a full sort gives, ties and filters included, on random scores', () => {
    const rnd = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(rnd() * 300);
      // Coarse values, so ties and zeros are common.
      const s = Array.from({ length: n }, () => Math.floor(rnd() * 8) / 8 - (rnd() < 0.2 ? 1 : 0));
      const k = Math.floor(rnd() * 40);
      const allowed = (i: number) => i % 3 !== trial % 3;
      expect(topK(s, k, allowed)).toEqual(bySort(s, k, allowed));
    }
  });

  it('returns nothing for k 0, all-zero or NaN scores', () => {
    expect(topK([1, 2], 0)).toEqual([]);
    expect(topK([0, 0, NaN, -1], 3)).toEqual([]);
  });
});
