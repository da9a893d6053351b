/**
 * The bot's index rebuild runs in a worker thread (retrieval/rebuild.ts): while an ingest's index is
 * built, the event loop keeps turning and searches are answered from the previous index; then the new
 * material is searchable, and the saved index loads without a rebuild.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { createRetriever } from '../../retrieval/retriever.js';
import type { Retriever } from '../../retrieval/retriever.js';
import { captureLog, tmpDataDir } from './helpers.js';
import { makePdf } from './support/make-files.js';

const rubric = loadRubric();
let tmp: ReturnType<typeof tmpDataDir>;
let r: Retriever;
const log = captureLog();

beforeAll(async () => {
  tmp = tmpDataDir();
  r = await createRetriever({ dataDir: tmp.dir, rubric, log, offThread: true });
});
afterAll(() => tmp.cleanup());

describe('index builds off the event loop', () => {
  it('answers from the previous index while a worker builds the new one, then from the new one', async () => {
    const file = path.join(tmp.dir, '..', `${path.basename(tmp.dir)}-冷链审计.pdf`);
    fs.writeFileSync(file, makePdf({ latin: ['Cold chain spoilage audit'], chinese: ['华东区域门店冷链损耗率为百分之三，冷库温控记录缺失'] }));
    let done = false;
    const ingest = r.ingest(file).finally(() => (done = true));
    // Ticks of a 10 ms timer while the build runs: a build in this thread would stop them for its length.
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 10);
    const during: string[][] = [];
    while (!done) {
      during.push((await r.search('冷链损耗率', { k: 5 })).map((h) => h.source.file ?? h.id));
      await new Promise((res) => setTimeout(res, 20));
    }
    clearInterval(timer);
    const result = await ingest;
    fs.rmSync(file, { force: true });
    expect(result.passages).toBe(1);
    // The build took at least a worker's start-up; many searches ran meanwhile, all from the old index.
    expect(during.length).toBeGreaterThan(3);
    expect(during.slice(0, -1).every((files) => !files.includes(result.file))).toBe(true);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    const longest = Math.max(...gaps);
    const built = log.lines.find((l) => l.includes('retrieval index built') && l.includes('"ms"') && !l.includes('"passages":267'));
    expect(built, log.lines.join('\n')).toBeDefined();
    const buildMs = Number(/"ms":(\d+)/.exec(built!)![1]);
    // What the event loop still spends: loading the saved index (a fraction of building it).
    expect(longest).toBeLessThan(Math.max(buildMs, 300));
    expect((await r.search('冷链损耗率', { k: 1 }))[0]!.source.file).toBe(result.file);
    const reopened = await createRetriever({ dataDir: tmp.dir, rubric, log: captureLog() });
    expect(reopened.stats().built).toBe(false);
  }, 120_000);

  it('a refused file changes nothing and starts no build', async () => {
    const before = r.stats().passages;
    const bad = path.join(tmp.dir, '..', `${path.basename(tmp.dir)}-scan.pdf`);
    fs.writeFileSync(bad, makePdf({ noText: true }));
    await expect(r.ingest(bad)).rejects.toThrow(/no text layer/);
    fs.rmSync(bad, { force: true });
    expect(r.stats().passages).toBe(before);
  });
});
