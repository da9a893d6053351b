import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scorer } from '../../bot/interview/scorer.js';
import { loadRealData } from '../../evals/load.js';
import { realSuite } from '../../evals/suites/real.js';
import type { Searcher } from '../../evals/types.js';

/** The real-words suite on small fixtures written here (not real data): loading, figures, missing files. */
const line = (id: string, level: number, lang: 'zh' | 'en', answer: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  id, indicator: '1.5', level, lang, answer, justification: 'fixture', source: { url: 'https://example.org/x', kind: 'blog' },
  written_by: 'fixture', rated_by: 'fixture', rated_at: '2026-12-01', split: 'dev', tags: [lang], ...extra,
});
const question = (id: string, gold: string[]) => JSON.stringify({
  id, lang: 'zh', query: '数据库崩溃该如何处理', gold, need: '灾备', source: { url: 'https://example.org/q' },
  rated_by: 'fixture', rated_at: '2026-12-01', split: 'test', tags: [],
});

describe('the real-words suite', () => {
  it('scores each split, the parallel gap and real questions; missing files are empty', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-real-'));
    try {
      fs.writeFileSync(path.join(dir, 'scoring-test.jsonl'), [line('t1', 1, 'zh', '没有备份'), line('t2', 5, 'en', 'active-active')].join('\n') + '\n');
      fs.writeFileSync(path.join(dir, 'parallel.jsonl'), [
        line('p-zh', 1, 'zh', '没有备份', { twin: 'p-en', original: 't1' }), line('p-en', 1, 'en', 'no backups', { twin: 'p-zh', original: 't1' }),
      ].join('\n') + '\n');
      fs.writeFileSync(path.join(dir, 'questions-test.jsonl'), [question('q1', ['ind:1.5']), question('q2', ['lvl:9.9:1'])].join('\n') + '\n');
      const data = loadRealData(dir);
      expect(data.scoring.dev).toEqual([]);
      expect(data.scoring.parallel[0]!.twin).toBe('p-en');
      // A scorer that reads Chinese only: right on zh lines, level 3 on English ones.
      const zhOnly: Scorer = { score: async (indicator, answer) => ({ indicator, level: /\p{Script=Han}/u.test(answer) ? 1 : 3, confidence: 0.9, candidates: [], reason: 'content' }) };
      const searcher: Searcher = { search: async () => [{ id: 'ind:1.5', score: 1, text: '', source: { section: 'x' } }] };
      const r = await realSuite({ scorers: { product: zhOnly }, searchers: { product: searcher }, data });
      expect(r.columns.product).toMatchObject({
        'test.exact': 0.5, 'parallel.exact_zh': 1, 'parallel.exact_en': 0, 'parallel.gap': 1, 'parallel.twin_agreement': 0,
        'questions_test.hit@5': 0.5, 'questions_test.mrr': 0.5,
      });
      expect(r.columns.product!['test.ece']).toBeCloseTo(0.4);
      expect(r.sizes).toMatchObject({ 'real/scoring-test': 2, 'real/scoring-dev': 0, 'real/questions-test': 2 });
      expect(r.lines).toMatchObject({ 'test/t1': true, 'test/t2': false, 'questions_test/q1': true, 'questions_test/q2': false });
      fs.writeFileSync(path.join(dir, 'scoring-dev.jsonl'), line('d1', 7, 'zh', 'x') + '\n');
      expect(() => loadRealData(dir)).toThrow(/scoring-dev\.jsonl:1: level/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
