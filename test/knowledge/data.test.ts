import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVEL_HINTS, LEVEL_HINTS_FILE, loadLevelHints } from '../../knowledge/level-hints.js';
import { allIndicators, loadRubric } from '../../knowledge/load.js';
import { EN_LEXICON, EN_LEXICON_FILE, loadLexicon } from '../../retrieval/en-lexicon.js';

/** The stated invariants of the data files under knowledge/data/ (see knowledge/data/README.md). */
const rubric = loadRubric();

describe('level hints (knowledge/data/level-hints.json)', () => {
  it('has hints in both languages at all five levels of every indicator, and nothing else', () => {
    expect(Object.keys(LEVEL_HINTS).sort()).toEqual(allIndicators(rubric).map((i) => i.id).sort());
    for (const ind of allIndicators(rubric)) {
      for (const l of [1, 2, 3, 4, 5] as const) {
        const h = LEVEL_HINTS[ind.id][l];
        expect(h.zh.length, `${ind.id}:${l}`).toBeGreaterThan(0);
        expect(h.en.length, `${ind.id}:${l}`).toBeGreaterThan(0);
      }
    }
  });

  it('puts no phrase at two levels of one indicator, and no phrase twice in one level', () => {
    for (const ind of allIndicators(rubric)) {
      const at = new Map<string, number>();
      for (const l of [1, 2, 3, 4, 5] as const) {
        const { zh, en } = LEVEL_HINTS[ind.id][l];
        // A product name may sit in both lists of one level (SD-WAN), never twice in one list.
        for (const list of [zh, en]) expect(new Set(list.map((p) => p.toLowerCase())).size, `${ind.id}:${l} repeats a phrase`).toBe(list.length);
        for (const p of new Set([...zh, ...en].map((x) => x.toLowerCase().trim()))) {
          expect(at.get(p) ?? l, `${ind.id}: '${p}' at levels ${at.get(p)} and ${l}`).toBe(l);
          at.set(p, l);
        }
      }
    }
  });

  it('keeps Chinese phrases short (2–12 characters) and English ones in Latin script', () => {
    for (const byLevel of Object.values(LEVEL_HINTS)) {
      for (const h of Object.values(byLevel)) {
        for (const p of h.zh) expect([...p].length >= 2 && [...p].length <= 12, p).toBe(true);
        for (const p of h.en) expect(/\p{Script=Han}/u.test(p), p).toBe(false);
      }
    }
  });

  it('refuses a file with a level missing, naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-hints-'));
    try {
      const raw = JSON.parse(fs.readFileSync(LEVEL_HINTS_FILE, 'utf8'));
      delete raw['2.3']['4'];
      fs.writeFileSync(path.join(dir, 'h.json'), JSON.stringify(raw));
      expect(() => loadLevelHints(path.join(dir, 'h.json'))).toThrow(/h\.json: 2\.3\.4: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('English lexicon (knowledge/data/en-lexicon.tsv)', () => {
  it('has no duplicate keys, lower-case English keys, and on the right what the whitepaper writes (Chinese or its acronyms)', () => {
    const keys = EN_LEXICON.map(([en]) => en);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(3000);
    for (const [en, zh] of EN_LEXICON) {
      expect(en, en).toBe(en.toLowerCase().trim());
      expect(zh.split(' ').every((t) => /\p{Script=Han}/u.test(t) || /^[a-z0-9×+]+$/.test(t)), `${en} → ${zh}`).toBe(true);
    }
  });

  it('fails on a malformed line with file:line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-lex-'));
    try {
      fs.writeFileSync(path.join(dir, 'l.tsv'), `# comment\nbackup\t备份\nBad Key\t坏\n`);
      expect(() => loadLexicon(path.join(dir, 'l.tsv'))).toThrow(/l\.tsv:3: 0: lower-case English/);
      fs.writeFileSync(path.join(dir, 'l.tsv'), `backup\t备份\n`);
      expect(loadLexicon(path.join(dir, 'l.tsv'))).toEqual([['backup', '备份']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is read from the data file the README names', () => {
    expect(path.relative(process.cwd(), EN_LEXICON_FILE)).toBe(path.join('knowledge', 'data', 'en-lexicon.tsv'));
  });
});
