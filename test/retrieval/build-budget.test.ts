import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { IndexTooLargeError, checkBuild, estimateBuild } from '../../retrieval/build-budget.js';
import { loadCorpus } from '../../retrieval/corpus.js';
import { createRetriever } from '../../retrieval/retriever.js';
import { openState } from '../../retrieval/state.js';
import { captureLog, tmpDataDir } from './helpers.js';

const rubric = loadRubric();
let tmp: ReturnType<typeof tmpDataDir>;
beforeEach(() => (tmp = tmpDataDir()));
afterEach(() => tmp.cleanup());

describe('index build budget', () => {
  it('grows with the corpus, lets the measured 1 000× build through the default limits, and refuses past them naming both', () => {
    const defaults = { maxMb: 16 * 1024, maxSeconds: 900 };
    const x1 = estimateBuild(57_000, 267);
    const x1000 = estimateBuild(56_000_000, 262_000);
    expect(x1000.peakMb).toBeGreaterThan(x1.peakMb * 5);
    expect(x1000.cpuSeconds).toBeGreaterThan(x1.cpuSeconds * 10);
    // The scale bench built 1 000× (57 M characters) in 246 s of CPU at a 3.0 GB peak: the estimate must not be below it.
    const measured = estimateBuild(57_006_011, 249_355);
    expect(measured.cpuSeconds).toBeGreaterThanOrEqual(246);
    expect(measured.peakMb).toBeGreaterThanOrEqual(3009);
    expect(() => checkBuild(x1, defaults)).not.toThrow();
    expect(() => checkBuild(measured, defaults)).not.toThrow();
    expect(() => checkBuild(estimateBuild(200_000_000, 880_000), defaults)).toThrow(IndexTooLargeError);
    try {
      checkBuild(x1000, { maxMb: 2048, maxSeconds: 60 });
      expect.unreachable('a 56 M character corpus fits 2 GB and a minute');
    } catch (err) {
      expect(err).toBeInstanceOf(IndexTooLargeError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/262000 passages, 56\.0 M characters/);
      expect(msg).toMatch(/GB of memory \(limit 2\.0 GB\)/);
      expect(msg).toMatch(/min \(limit 1 min\)/);
      expect(msg).toMatch(/WUYIN_INDEX_MAX_MB/);
    }
  });

  it('refuses before building anything when the estimate passes the limits', async () => {
    const corpus = await loadCorpus(rubric, tmp.dir);
    const log = captureLog();
    await expect(openState({ dataDir: tmp.dir, corpus, log, limits: { maxMb: 1, maxSeconds: 3600 } })).rejects.toThrow(IndexTooLargeError);
    expect(fs.existsSync(path.join(tmp.dir, 'index'))).toBe(false);
    expect(log.lines.some((l) => l.includes('building the retrieval index'))).toBe(false);
  });

  it('builds when the estimate fits', async () => {
    const corpus = await loadCorpus(rubric, tmp.dir);
    const s = await openState({ dataDir: tmp.dir, corpus, log: captureLog(), limits: { maxMb: 16 * 1024, maxSeconds: 900 } });
    expect(s.built).toBe(true);
  });

  it('an ingest whose rebuild would pass the budget is refused and leaves no trace of the file', async () => {
    const r = await createRetriever({ dataDir: tmp.dir, rubric, log: captureLog() });
    const before = r.stats().passages;
    const file = path.join(tmp.dir, 'big-study.md');
    fs.writeFileSync(file, '# 研究\n\n' + '门店数字化和会员运营的实践。'.repeat(200));
    const saved = process.env.WUYIN_INDEX_MAX_MB;
    process.env.WUYIN_INDEX_MAX_MB = '1';
    try {
      await expect(r.ingest(file)).rejects.toThrow(/too large to index here/);
    } finally {
      if (saved === undefined) delete process.env.WUYIN_INDEX_MAX_MB;
      else process.env.WUYIN_INDEX_MAX_MB = saved;
    }
    expect(r.sources()).toEqual([]);
    expect(fs.existsSync(path.join(tmp.dir, 'user', 'big-study.md'))).toBe(false);
    expect(r.stats().passages).toBe(before);
    expect((await r.search('门店数字化')).length).toBeGreaterThan(0);
  });
});
