import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { INDEX_FILE, loadStore, manifestPath, saveStore } from '../../retrieval/index-store.js';
import { createRetriever } from '../../retrieval/retriever.js';
import type { Embedder } from '../../retrieval/types.js';
import { captureLog, tmpDataDir } from './helpers.js';

const rubric = loadRubric();
let tmp: ReturnType<typeof tmpDataDir>;
beforeEach(() => (tmp = tmpDataDir()));
afterEach(() => tmp.cleanup());

const indexDir = () => path.join(tmp.dir, 'index');

/** A stand-in embedder with a different id: hashed character bigrams, deterministic and instant. */
function bigramEmbedder(id = 'test-bigrams-v1'): Embedder {
  const dim = 32;
  return {
    id,
    dimension: dim,
    async embed(texts) {
      return texts.map((t) => {
        const v = new Float32Array(dim);
        for (let i = 0; i + 1 < t.length; i++) v[(t.charCodeAt(i) * 31 + t.charCodeAt(i + 1)) % dim]! += 1;
        const n = Math.hypot(...v) || 1;
        return v.map((x) => x / n);
      });
    },
  };
}

describe('index store', () => {
  it('round-trips vectors and artifacts with a zod-valid manifest', () => {
    const vectors = [Float32Array.from([1, 0]), Float32Array.from([0, 1])];
    saveStore(indexDir(), { embedderId: 'e', corpusHash: 'a'.repeat(64), vectors, artifacts: { 'x.bin': Buffer.from('hi') } });
    const r = loadStore(indexDir(), { embedderId: 'e', corpusHash: 'a'.repeat(64), passageCount: 2 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.manifest).toMatchObject({ dimension: 2, passageCount: 2, embedderId: 'e' });
    expect(r.manifest.files[INDEX_FILE]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.artifacts.get('x.bin')!.toString()).toBe('hi');
    expect(r.index.searchKnn([1, 0], 1).neighbors).toEqual([0]);
  });

  it('names what is wrong with an invalid manifest', () => {
    fs.mkdirSync(indexDir(), { recursive: true });
    fs.writeFileSync(manifestPath(indexDir()), JSON.stringify({ version: 1, dimension: -3 }));
    const r = loadStore(indexDir(), { embedderId: 'e', corpusHash: 'a'.repeat(64), passageCount: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/manifest .* is invalid \(.*(embedderId|dimension)/);
  });
});

describe('retriever index lifecycle', () => {
  it('builds once, then loads while corpus and embedder are unchanged', async () => {
    const log = captureLog();
    const first = await createRetriever({ dataDir: tmp.dir, rubric, log });
    expect(first.stats()).toMatchObject({ built: true, reason: 'no index yet' });
    const t = performance.now();
    const second = await createRetriever({ dataDir: tmp.dir, rubric, log });
    expect(performance.now() - t).toBeLessThan(1500); // the real budget (300 ms) is measured by retrieval/measure.ts
    expect(second.stats().built).toBe(false);
    expect(await second.search('门店选址')).toEqual(await first.search('门店选址'));
  });

  it('rebuilds when the corpus changes, saying so', async () => {
    await createRetriever({ dataDir: tmp.dir, rubric });
    const log = captureLog();
    const changed = structuredClone(rubric);
    changed.elements[0]!.summary += '新增一句话。';
    const r = await createRetriever({ dataDir: tmp.dir, rubric: changed, log });
    expect(r.stats()).toMatchObject({ built: true, reason: 'corpus changed' });
    expect(log.lines.some((l) => l.includes('building the retrieval index: corpus changed'))).toBe(true);
  });

  it('rebuilds when the embedder changes', async () => {
    await createRetriever({ dataDir: tmp.dir, rubric });
    const log = captureLog();
    const r = await createRetriever({ dataDir: tmp.dir, rubric, embedder: bigramEmbedder(), log });
    expect(r.stats().built).toBe(true);
    expect(r.stats().reason).toMatch(/embedder changed \(lsa-.* → test-bigrams-v1\)/);
    const again = await createRetriever({ dataDir: tmp.dir, rubric, embedder: bigramEmbedder() });
    expect(again.stats().built).toBe(false);
    expect((await again.search('门店选址', { k: 1 }))[0]!.id).toBeDefined();
  });

  it.each([
    ['truncated', (f: string) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2)), /truncated or replaced/],
    ['garbled', (f: string) => {
      const b = fs.readFileSync(f);
      for (let i = 100; i < 400; i++) b[i] = (b[i]! + 97) % 256;
      fs.writeFileSync(f, b);
    }, /checksum mismatch/],
    ['deleted', (f: string) => fs.rmSync(f), /missing/],
  ])('detects a %s index file and rebuilds', async (_name, damage, why) => {
    await createRetriever({ dataDir: tmp.dir, rubric });
    damage(path.join(indexDir(), INDEX_FILE));
    const log = captureLog();
    const r = await createRetriever({ dataDir: tmp.dir, rubric, log });
    expect(r.stats().built).toBe(true);
    expect(r.stats().reason).toMatch(why);
    expect(log.lines.find((l) => l.includes('building the retrieval index'))).toMatch(why);
    expect((await r.search('业务连续性', { k: 1 }))[0]!.id).toMatch(/1\.5/);
  });

  it('rebuilds when the LSA model file is damaged or the manifest is not JSON', async () => {
    await createRetriever({ dataDir: tmp.dir, rubric });
    fs.appendFileSync(path.join(indexDir(), 'lsa.bin'), 'x');
    expect((await createRetriever({ dataDir: tmp.dir, rubric })).stats().reason).toMatch(/lsa\.bin/);
    fs.writeFileSync(manifestPath(indexDir()), '{not json');
    expect((await createRetriever({ dataDir: tmp.dir, rubric })).stats().reason).toMatch(/not JSON/);
  });
});

describe('incremental ingest', () => {
  it('folds a new file into a fitted index without a refit, and the folded index loads back', async () => {
    const log = captureLog();
    const r = await createRetriever({ dataDir: tmp.dir, rubric, log, foldInFrom: 100 });
    const file = path.join(tmp.dir, '..', `wuyin-fold-${process.pid}.md`);
    fs.writeFileSync(file, '华东区域门店冷链损耗率为百分之三，冷链损耗集中在夏季夜间配送。\n\n冷链车队的温控记录每五分钟上传一次。\n');
    try {
      await r.ingest(file);
    } finally {
      fs.rmSync(file, { force: true });
    }
    expect(log.lines.some((l) => l.includes('folded new passages into the retrieval index'))).toBe(true);
    expect(log.lines.filter((l) => l.includes('building the retrieval index'))).toHaveLength(1);
    expect(r.stats()).toMatchObject({ built: false, passages: 268 });
    expect((await r.search('冷链损耗率', { k: 1 }))[0]!.source.file).toBe(path.basename(file));
    // The LSA id is the fit's: a restart loads the folded index as it is.
    const again = await createRetriever({ dataDir: tmp.dir, rubric, log: captureLog(), foldInFrom: 100 });
    expect(again.stats().built).toBe(false);
    expect(await again.search('冷链损耗率')).toEqual(await r.search('冷链损耗率'));
    expect(await again.search('门店选址')).toEqual(await r.search('门店选址'));
  });

  it('refits once the corpus has grown past the drift share since the fit', async () => {
    await createRetriever({ dataDir: tmp.dir, rubric, foldInFrom: 100 });
    const file = path.join(tmp.dir, '..', `wuyin-big-${process.pid}.md`);
    // About 80 passages: more than 20 % of the 267 fitted ones.
    fs.writeFileSync(file, Array.from({ length: 80 }, (_, i) => `第${i}段：冷链配送第${i}号线路的温控与损耗复盘，`.repeat(12)).join('\n\n'));
    const log = captureLog();
    const r = await createRetriever({ dataDir: tmp.dir, rubric, log, foldInFrom: 100 });
    try {
      await r.ingest(file);
    } finally {
      fs.rmSync(file, { force: true });
    }
    expect(log.lines.find((l) => l.includes('building the retrieval index'))).toMatch(/grew by \d+ passages since the LSA fit/);
  });
});
