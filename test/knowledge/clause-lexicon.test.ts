import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAUSE_LEXICON_FILE, ClauseLexiconSchema, loadClauseLexicon } from '../../knowledge/clause-lexicon.js';

describe('the clause lexicon (knowledge/data/clause-lexicon.json)', () => {
  it('parses, and every list holds Chinese and English words', () => {
    const lex = loadClauseLexicon();
    for (const k of ['absence', 'denial', 'abandoned', 'decision', 'stop', 'oldWay', 'failure', 'deficit', 'safeguard', 'plan', 'deployed', 'coverage', 'exception', 'past', 'present', 'growth', 'limit'] as const) {
      expect(lex[k].zh.length, k).toBeGreaterThan(0);
      expect(lex[k].en.length, k).toBeGreaterThan(0);
    }
  });

  it('rejects a pattern that is not a regular expression', () => {
    const raw = JSON.parse(fs.readFileSync(CLAUSE_LEXICON_FILE, 'utf8'));
    raw.plan.zh.push('(计划');
    expect(ClauseLexiconSchema.safeParse(raw).success).toBe(false);
  });

  it('lists no plain backup as a safeguard: the level-2 descriptor of 1.5 names 备份 itself', () => {
    const lex = loadClauseLexicon();
    const res = [...lex.safeguard.zh, ...lex.safeguard.en].map((p) => new RegExp(p, 'iu'));
    for (const w of ['备份', '数据备份', '有备份', 'backup', 'backups', 'a nightly backup', 'restored from backup']) {
      expect(res.filter((re) => re.test(w)).map(String), w).toEqual([]);
    }
  });

  it('never lists one word twice within a list', () => {
    const lex = loadClauseLexicon();
    for (const [k, v] of Object.entries(lex)) {
      if (typeof v === 'string') continue;
      for (const list of Object.values(v).filter(Array.isArray)) expect(new Set(list).size, k).toBe(list.length);
    }
  });
});
