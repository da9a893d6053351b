import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LexiconEntrySchema } from '../../knowledge/types.js';
import { glossesOf, hanSubstrings, jiebaTags, readCedict, reverseCedict } from '../../evals/cedict/reverse.js';

/** Real CC-CEDICT lines (database, warehouse, server, all, can, a surname, deploy, backup, fault, 数, 台). */
const SAMPLE = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'cedict-sample.u8'), 'utf8');
const CORPUS = '数据库和服务器部署在仓库，所有备份可以恢复故障数据。王台';

describe('glossesOf', () => {
  it('drops the verb and article markers and the remarks in parentheses', () => {
    expect(glossesOf('to develop (a market); to expand')).toEqual(['develop', 'expand']);
    expect(glossesOf('(computing) database')).toEqual(['database']);
    expect(glossesOf('to be a go-getter')).toEqual(['go-getter']);
  });
  it('skips senses with no meaning of their own, other registers and long glosses', () => {
    for (const s of ['surname Wang', 'variant of 数[shu4]', 'CL:個|个[ge4]', 'classifier for books', '(Tw) bicycle', '(old) bank']) {
      expect(glossesOf(s), s).toEqual([]);
    }
    expect(glossesOf('a very long gloss of many words')).toEqual([]);
  });
});

describe('hanSubstrings', () => {
  it('counts every 2–4 character Han substring, not across Latin', () => {
    const v = hanSubstrings('数据ab数据中台');
    expect(v.get('数据')).toBe(2);
    expect(v.get('数据中台')).toBe(1);
    expect(v.has('据ab')).toBe(false);
    expect(v.has('数')).toBe(false);
  });
});

describe('reverseCedict', () => {
  const vocabulary = hanSubstrings(CORPUS);
  const terms = reverseCedict(SAMPLE, vocabulary);
  it('maps short lower-case English to Chinese words of the vocabulary, nothing empty', () => {
    expect(terms.length).toBeGreaterThan(5);
    for (const [en, zh] of terms) {
      expect(LexiconEntrySchema.safeParse([en, zh]).success, en).toBe(true);
      expect(en.split(/[\s-]+/).length).toBeLessThanOrEqual(3);
      for (const w of zh.split(' ')) {
        expect(w, `${en} → ${zh}`).toMatch(/^\p{Script=Han}{2,4}$/u);
        expect(vocabulary.has(w)).toBe(true);
      }
    }
    expect(new Set(terms.map(([en]) => en)).size).toBe(terms.length);
    expect(terms.map(([en]) => en)).toEqual([...terms.map(([en]) => en)].sort());
  });
  it('leaves out single characters, surnames and words the vocabulary lacks', () => {
    const zh = new Set(terms.flatMap(([, z]) => z.split(' ')));
    expect(zh.has('数')).toBe(false);
    expect(zh.has('台')).toBe(false);
    expect(reverseCedict(SAMPLE, hanSubstrings('仓库'))).toEqual(reverseCedict(SAMPLE, hanSubstrings('仓库')));
    expect(reverseCedict(SAMPLE, hanSubstrings('仓库')).every(([, z]) => z === '仓库')).toBe(true);
  });
  it('keeps only content words when given jieba tags', () => {
    const tags = jiebaTags(vocabulary);
    const kept = new Set(reverseCedict(SAMPLE, vocabulary, tags).flatMap(([, z]) => z.split(' ')));
    // 所有 (b) and 可以 (c) are not content words; 数据库 (n, rare) is.
    expect(kept.has('数据库')).toBe(true);
    expect(kept.has('所有')).toBe(false);
    expect(kept.has('可以')).toBe(false);
  });
});

describe('readCedict', () => {
  it('reads the template literal and refuses one with escapes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cedict-'));
    const ok = path.join(dir, 'ok.js');
    fs.writeFileSync(ok, `module.exports = \`${SAMPLE}\`;`);
    expect(readCedict(ok)).toBe(SAMPLE);
    const bad = path.join(dir, 'bad.js');
    fs.writeFileSync(bad, 'module.exports = `a\\nb`;');
    expect(() => readCedict(bad)).toThrow(/template literal/);
  });
});
