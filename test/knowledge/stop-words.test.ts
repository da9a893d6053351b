import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { STOP_WORD_LIST } from '../../knowledge/stop-words.js';
import { StopWordsSchema } from '../../knowledge/types.js';
import { createTokenizer, STOP_WORDS } from '../../retrieval/tokenize.js';
import { rubricTerms } from '../../retrieval/vocabulary.js';

/** The stated invariants of knowledge/data/stop-words.json (the tokenizer's stop words). */
const all = [...STOP_WORD_LIST.zh, ...STOP_WORD_LIST.en];
const terms = rubricTerms(loadRubric());

describe('stop words (knowledge/data/stop-words.json)', () => {
  it('lists each word once, and the tokenizer drops exactly these', () => {
    expect(all.filter((w, i) => all.indexOf(w) !== i)).toEqual([]);
    expect([...STOP_WORDS].sort()).toEqual([...all].sort());
  });

  it('rejects Latin words among the Chinese ones and capitals or Han among the English ones', () => {
    const base = { about: 'x', zh: ['的'], en: ['the'] };
    expect(StopWordsSchema.safeParse(base).success).toBe(true);
    expect(StopWordsSchema.safeParse({ ...base, zh: ['the'] }).success).toBe(false);
    expect(StopWordsSchema.safeParse({ ...base, en: ['The'] }).success).toBe(false);
    expect(StopWordsSchema.safeParse({ ...base, en: ['的'] }).success).toBe(false);
  });

  it('holds no rubric term, which would take a whole indicator or bottleneck out of search', () => {
    const rubric = new Set(terms.map((t) => t.toLowerCase()));
    expect(all.filter((w) => rubric.has(w))).toEqual([]);
  });

  it('leaves no stop word among the words of a text made of them', () => {
    const tokenizer = createTokenizer({ terms });
    const { words } = tokenizer.tokens(`${STOP_WORD_LIST.zh.join('，')}. ${STOP_WORD_LIST.en.join(' ')}`);
    expect(words.filter((w) => STOP_WORDS.has(w))).toEqual([]);
  });
});
