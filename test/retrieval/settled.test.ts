import { afterAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import type { LevelExample } from '../../knowledge/examples.js';
import { loadQuestionExamples, type QuestionExample } from '../../knowledge/questions.js';
import { loadCorpus } from '../../retrieval/corpus.js';
import { buildPassages } from '../../retrieval/passages.js';
import { createRetriever } from '../../retrieval/retriever.js';
import { captureLog, tmpDataDir } from './helpers.js';

const rubric = loadRubric();
const question: QuestionExample = { id: 'tq-1', query: '仓库拣货的时候库位太多，拣货路径怎么排？', gold: ['elem:logistics', 'dir:logistics'] };
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

  it('settled questions become the asked field of each passage that answers them, never of a level passage', async () => {
    const passages = await buildPassages(rubric, {
      examples: [example], questions: [question, { ...question, id: 'tq-2', gold: ['ind:2.3', 'lvl:2.3:1'] }],
    });
    const byId = new Map(passages.map((p) => [p.id, p]));
    expect(byId.get('elem:logistics')!.asked).toBe(question.query);
    expect(byId.get('dir:logistics')!.asked).toBe(question.query);
    expect(byId.get('ind:2.3')!.asked).toBe(question.query);
    expect(byId.get('ind:2.3')!.settled).toBe(example.answer);
    expect(byId.get('lvl:2.3:1')!.asked).toBeUndefined();
    expect(byId.get('elem:logistics')!.text).not.toContain('拣货');
    expect(passages.filter((p) => p.asked)).toHaveLength(3);
    // A section's id stands for its chunks; an id no passage has adds nothing and breaks nothing.
    const sec = passages.find((p) => p.id.startsWith('sec:'))!.id.replace(/:\d+$/, '');
    const more = await buildPassages(rubric, { questions: [{ ...question, gold: [sec, 'sec:nowhere:9'] }] });
    expect(more.filter((p) => p.asked).every((p) => p.id.startsWith(`${sec}:`))).toBe(true);
    expect(more.some((p) => p.asked)).toBe(true);
  });

  it('the shipped settled questions are in the default corpus, left out by the ablation, and lift their passage', async () => {
    const shipped = loadQuestionExamples();
    expect(shipped.length).toBeGreaterThan(0);
    const dir = fresh();
    const on = await loadCorpus(rubric, dir);
    const off = await loadCorpus(rubric, dir, undefined, { examples: false });
    const q = shipped.find((x) => !x.gold[0]!.startsWith('lvl:') && !x.gold[0]!.startsWith('ind:') && x.query.length > 40)!;
    expect(on.passages.find((x) => x.id === q.gold[0])!.asked).toContain(q.query.slice(0, 40));
    expect(off.passages.some((x) => x.asked)).toBe(false);
    expect(on.hash).not.toBe(off.hash);
    const withField = await createRetriever({ dataDir: fresh(), log: captureLog() });
    const without = await createRetriever({ dataDir: fresh(), log: captureLog(), without: new Set(['examples']) });
    const [a] = await withField.scorePassages(q.query, [q.gold[0]!]);
    const [b] = await without.scorePassages(q.query, [q.gold[0]!]);
    expect(a!.bm25).toBeGreaterThan(b!.bm25);
    // A short query names its need: the settled questions lend it nothing (a file's own words stay on top).
    const p = q.gold.find((g) => !g.startsWith('ind:')) ?? q.gold[0]!;
    const short = q.query.replace(/\s+/g, ' ').slice(0, 6);
    const [c] = await withField.scorePassages(short, [p]);
    const [d] = await without.scorePassages(short, [p]);
    expect(c!.bm25).toBeCloseTo(d!.bm25, 9);
  });
});
