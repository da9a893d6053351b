import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLevelExamples } from '../../knowledge/examples.js';

describe('settled answers (knowledge/examples.ts)', () => {
  it('loads every answer with a level from the scoring data, named by its file', () => {
    const all = loadLevelExamples();
    expect(all.length).toBeGreaterThan(1000);
    expect(new Set(all.map((e) => e.source))).toEqual(new Set(['p45', 'p123', 'fresh', 'blind', 'chat', 'final', 'holdout', 'busy', 'phone', 'desk']));
    expect(all.every((e) => e.level >= 1 && e.level <= 5)).toBe(true);
  });

  it('skips off-topic lines and fails on a bad line with file:line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-ex-'));
    try {
      const ok = { id: 'a', indicator: '1.1', level: 2, answer: '有接口' };
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify(ok)}\n${JSON.stringify({ ...ok, id: 'b', level: null })}\n`);
      expect(loadLevelExamples(dir)).toEqual([{ id: 'a', indicator: '1.1', level: 2, answer: '有接口', source: 'x' }]);
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify(ok)}\n${JSON.stringify({ ...ok, indicator: '6.1' })}\n`);
      expect(() => loadLevelExamples(dir)).toThrow(/x\.jsonl:2: indicator/);
      expect(loadLevelExamples(path.join(dir, 'missing'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
