import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestionExamples, QUESTIONS_DIR } from '../../knowledge/questions.js';

describe('settled questions (knowledge/questions.ts)', () => {
  it('loads every file of knowledge/data/questions once, frozen', () => {
    const all = loadQuestionExamples();
    expect(all.length).toBeGreaterThanOrEqual(199);
    expect(loadQuestionExamples()).toBe(all);
    expect(Object.isFrozen(all)).toBe(true);
    expect(fs.readdirSync(QUESTIONS_DIR).some((f) => f.endsWith('.jsonl'))).toBe(true);
    expect(all.every((q) => q.gold.length >= 1 && q.gold.length <= 3)).toBe(true);
  });

  it('fails on a line without provenance or gold, naming file:line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-q-'));
    try {
      const ok = {
        id: 'q', lang: 'zh', query: '主库挂了能自动切换吗', gold: ['ind:1.5'], need: '高可用', source: { url: 'https://example.org/t/1' },
        written_by: 'source author', rated_by: 'r', rated_at: '2026-12-04',
      };
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify(ok)}\n`);
      expect(loadQuestionExamples(dir)).toEqual([{ id: 'q', query: ok.query, gold: ['ind:1.5'] }]);
      const { written_by: _, ...anonymous } = ok;
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify(ok)}\n${JSON.stringify({ ...anonymous, id: 'r' })}\n`);
      expect(() => loadQuestionExamples(dir)).toThrow(/x\.jsonl:2: written_by/);
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify({ ...ok, gold: [] })}\n`);
      expect(() => loadQuestionExamples(dir)).toThrow(/x\.jsonl:1: gold/);
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify({ ...ok, gold: ['not an id'] })}\n`);
      expect(() => loadQuestionExamples(dir)).toThrow(/x\.jsonl:1: gold/);
      expect(loadQuestionExamples(path.join(dir, 'missing'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
