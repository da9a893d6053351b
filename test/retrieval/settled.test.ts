import { afterAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import type { LevelExample } from '../../knowledge/examples.js';
import { loadCorpus } from '../../retrieval/corpus.js';
import { buildPassages } from '../../retrieval/passages.js';
import { createRetriever } from '../../retrieval/retriever.js';
import { captureLog, tmpDataDir } from './helpers.js';

const rubric = loadRubric();
const example: LevelExample = { id: 't-1', indicator: '2.3', level: 1, lang: 'zh', answer: '收银机就记个总金额，卖了啥品都不知道', source: 't' };

describe('settled answers in the index', () => {
  const dirs: Array<() => void> = [];
  afterAll(() => dirs.forEach((c) => c()));
  const fresh = () => { const d = tmpDataDir(); dirs.push(d.cleanup); return d.dir; };

  it('go to their indicator passage as a field of their own, never shown, and to no other passage', async () => {
    const passages = await buildPassages(rubric, { examples: [example] });
    const ind = passages.find((p) => p.id === 'ind:2.3')!;
    expect(ind.settled).toContain('卖了啥品都不知道');
    expect(ind.text).not.toContain('卖了啥品');
    expect(passages.filter((p) => p.settled)).toHaveLength(1);
    expect((await buildPassages(rubric)).some((p) => p.settled)).toBe(false);
  });

  it('are the product examples by default, left out by the ablation, and change the corpus hash', async () => {
    const dir = fresh();
    const on = await loadCorpus(rubric, dir);
    const off = await loadCorpus(rubric, dir, undefined, { examples: false });
    expect(on.passages.filter((p) => p.id.startsWith('ind:') && p.settled)).toHaveLength(25);
    expect(off.passages.some((p) => p.settled)).toBe(false);
    expect(on.hash).not.toBe(off.hash);
  });

  it('lift an indicator for a question in their words; `without: examples` rebuilds an index without them', async () => {
    const dir = fresh();
    const query = '收银机只记总金额，卖了什么品都不知道';
    const on = await createRetriever({ dataDir: dir, log: captureLog() });
    const [withField] = await on.scorePassages(query, ['ind:2.3']);
    expect(on.passage('ind:2.3')!.settled).toBeTruthy();
    const log = captureLog();
    // The same data dir: the index saved with the answers must not be reused without them.
    const off = await createRetriever({ dataDir: dir, log, without: new Set(['examples']) });
    expect(log.lines.some((l) => l.includes('building the retrieval index'))).toBe(true);
    expect(off.passage('ind:2.3')!.settled).toBeUndefined();
    const [withoutField] = await off.scorePassages(query, ['ind:2.3']);
    expect(withField!.bm25).toBeGreaterThan(withoutField!.bm25 + 0.05);
  });
});
