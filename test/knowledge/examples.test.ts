import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, loadLevelExamples } from '../../knowledge/examples.js';

describe('settled answers (knowledge/examples.ts)', () => {
  it('loads every file of knowledge/data/examples, each line with its provenance', () => {
    const all = loadLevelExamples();
    expect(all.length).toBeGreaterThanOrEqual(676);
    expect(new Set(all.map((e) => e.source))).toEqual(new Set(fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace(/\.jsonl$/, ''))));
    for (const stem of ['phone', 'desk', 'p45']) expect(all.some((e) => e.source === stem), stem).toBe(true);
    expect(all.every((e) => e.level >= 1 && e.level <= 5)).toBe(true);
    // Every indicator has settled answers at every level, so no level is read only from its descriptor.
    const cells = new Set(all.map((e) => `${e.indicator}:${e.level}`));
    expect(cells.size).toBe(125);
  });

  it('fails on a line without provenance or level, naming file:line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-ex-'));
    try {
      const ok = { id: 'a', indicator: '1.1', level: 2, lang: 'zh', answer: '有接口', tags: [], source: 'test', written_by: 'me', rated_by: 'you', rated_at: '2026-12-01' };
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify(ok)}\n`);
      expect(loadLevelExamples(dir)).toEqual([{ id: 'a', indicator: '1.1', level: 2, lang: 'zh', answer: '有接口', source: 'x' }]);
      const { rated_by: _, ...unrated } = ok;
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify(ok)}\n${JSON.stringify({ ...unrated, id: 'b' })}\n`);
      expect(() => loadLevelExamples(dir)).toThrow(/x\.jsonl:2: rated_by/);
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify({ ...ok, level: null })}\n`);
      expect(() => loadLevelExamples(dir)).toThrow(/x\.jsonl:1: level/);
      fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify({ ...ok, source: { url: 'https://example.org/post', kind: 'blog' } })}\n`);
      expect(loadLevelExamples(dir)).toHaveLength(1);
      expect(loadLevelExamples(path.join(dir, 'missing'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
