import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_WORDS, CONTENT_WORDS_FILE, loadContentWords } from '../../knowledge/content-words.js';
import { contentKind } from '../../bot/interview/content.js';

/** The stated invariants of knowledge/data/content-words.json (what the content check looks for). */
const lists = {
  'terms.zh': CONTENT_WORDS.terms.zh, 'terms.en': CONTENT_WORDS.terms.en,
  later: CONTENT_WORDS.later.patterns, meta: CONTENT_WORDS.meta.patterns,
};

describe('content words (knowledge/data/content-words.json)', () => {
  it('parses, and a pattern that does not compile fails the load naming its field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-content-'));
    try {
      const raw = JSON.parse(fs.readFileSync(CONTENT_WORDS_FILE, 'utf8'));
      const file = path.join(dir, 'c.json');
      fs.writeFileSync(file, JSON.stringify({ ...raw, meta: { ...raw.meta, patterns: ['烦死了', '(unclosed'] } }));
      expect(() => loadContentWords(file)).toThrow(/meta\.patterns\.1/);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });

  it('lists nothing twice in one list', () => {
    for (const [name, xs] of Object.entries(lists)) {
      const twice = xs.filter((x, i) => xs.indexOf(x) !== i);
      expect(twice, name).toEqual([]);
    }
  });

  it('keeps one spelling per word (lower case: the match ignores case) and no alternation inside a term', () => {
    for (const [name, xs] of Object.entries(lists)) for (const x of xs) expect(x, name).toBe(x.toLowerCase());
    // A top-level | inside one entry would escape the group the entries are joined into.
    for (const x of [...CONTENT_WORDS.terms.zh, ...CONTENT_WORDS.terms.en]) expect(x.includes('|') && !/\(.*\|.*\)/u.test(x), x).toBe(false);
  });

  it('has Chinese terms in Han script or as the Latin acronyms Chinese text writes, and no Han in the English ones', () => {
    for (const x of CONTENT_WORDS.terms.zh) expect(/^(\p{Script=Han}+|[a-z0-9]{2,})$/u.test(x), x).toBe(true);
    for (const x of CONTENT_WORDS.terms.en) expect(/\p{Script=Han}/u.test(x), x).toBe(false);
  });

  it('hears a loyalty programme, its transactions and clients as business words in English', () => {
    expect(contentKind('We run a loyalty programme: most transactions go through it and clients sign up at the till')).toBe('content');
  });
});
