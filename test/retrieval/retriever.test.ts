import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { createRetriever } from '../../retrieval/retriever.js';
import type { Retriever } from '../../retrieval/retriever.js';
import { captureLog, tmpDataDir } from './helpers.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'our-stores.md');
const rubric = loadRubric();
let tmp: ReturnType<typeof tmpDataDir>;
let r: Retriever;
const log = captureLog();

beforeAll(async () => {
  tmp = tmpDataDir();
  r = await createRetriever({ dataDir: tmp.dir, rubric, log });
});
afterAll(() => tmp.cleanup());

describe('search', () => {
  it('finds rubric terms in Chinese and their English names', async () => {
    expect((await r.search('门店选址', { k: 3 })).map((h) => h.id)).toContain('sol:5:channel');
    const en = await r.search('data governance and control', { k: 5 });
    expect(en.some((h) => h.source.indicator === '4.3')).toBe(true);
  });

  it('returns best first with scores in 0..1', async () => {
    const hits = await r.search('业务连续性 灾备', { k: 8 });
    expect(hits.length).toBe(8);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    for (const h of hits) expect(h.score).toBeGreaterThan(0), expect(h.score).toBeLessThanOrEqual(1);
  });

  it('filters by pillar, indicator, element and kinds', async () => {
    for (const h of await r.search('数据', { k: 10, filter: { pillar: 4 } })) expect(h.source.pillar).toBe(4);
    for (const h of await r.search('数据', { k: 10, filter: { indicator: '2.3', kinds: ['lvl:'] } })) {
      expect(h.id).toMatch(/^lvl:2\.3:/);
    }
    const retail = await r.search('瓶颈', { k: 10, filter: { element: 'retail' } });
    expect(retail.length).toBeGreaterThan(0);
    for (const h of retail) expect(h.source.element).toBe('retail');
  });

  it('never returns two overlapping chunks of one section', async () => {
    const hits = await r.search('阿里云 毕马威 数智化转型 研究', { k: 20, filter: { kinds: ['sec:'] } });
    const seen = hits.map((h) => h.id.split(':')).map(([, s, n]) => `${s}:${n}`);
    for (const a of seen) for (const b of seen) {
      const [sa, na] = a.split(':');
      const [sb, nb] = b.split(':');
      if (a !== b && sa === sb) expect(Math.abs(Number(na) - Number(nb))).toBeGreaterThan(1);
    }
  });

  it('scores named passages for the interview scorer', async () => {
    const ids = [1, 2, 3, 4, 5].map((l) => `lvl:4.3:${l}`);
    const s = await r.scorePassages('企业缺少对数据进行治理与管控的整体能力，数据命名不规范', ids);
    expect(s.map((x) => x.id)).toEqual(ids);
    const best = s.reduce((a, b) => (b.fused > a.fused ? b : a));
    expect(best.id).toBe('lvl:4.3:1');
    await expect(r.scorePassages('x', ['lvl:9.9:9'])).rejects.toThrow(/unknown passage id 'lvl:9.9:9'/);
  });

  it('looks passages up by id', () => {
    expect(r.passage('pillar:1')!.text).toContain('基础设施云化');
    expect(r.passage('nope')).toBeUndefined();
    expect(r.passages().length).toBeGreaterThan(250);
  });
});

describe('bad input', () => {
  it('rejects an empty query', async () => {
    await expect(r.search('   ')).rejects.toThrow(/empty/);
  });

  it('truncates a 100 000-character query and logs a note', async () => {
    const hits = await r.search('门店选址'.repeat(25_000));
    expect(hits.length).toBeGreaterThan(0);
    expect(log.lines.some((l) => /WARN|warn/.test(l) && l.includes('truncated from 100000 to 2000'))).toBe(true);
  });

  it('gives gibberish and other languages low scores without crashing', async () => {
    for (const q of ['asdkjh qwpoeiru zxmcnv', '😀😀😀', 'Почему небо голубое', 'مرحبا بالعالم', '%%%', 'x']) {
      const hits = await r.search(q);
      for (const h of hits) expect(h.score, q).toBeLessThan(0.35);
    }
  });

  it('clamps k', async () => {
    expect((await r.search('数据', { k: 0 })).length).toBe(1);
    expect((await r.search('数据', { k: 10_000 })).length).toBeLessThanOrEqual(50);
  });
});

describe('user material', () => {
  it('ingests a markdown file, keeps it across restarts and cites it by name', async () => {
    const res = await r.ingest(FIXTURE);
    expect(res).toEqual({ file: 'our-stores.md', kind: 'md', passages: expect.any(Number) });
    expect(fs.existsSync(path.join(tmp.dir, 'user', 'our-stores.md'))).toBe(true);
    const hits = await r.search('库存周转天数', { k: 3 });
    expect(hits[0]!.id).toMatch(/^user:our-stores\.md:\d+$/);
    expect(hits[0]!.source.file).toBe('our-stores.md');

    const restarted = await createRetriever({ dataDir: tmp.dir, rubric });
    expect(restarted.stats().built).toBe(false);
    expect((await restarted.search('库存周转天数', { k: 1 }))[0]!.source.file).toBe('our-stores.md');
  });

  it('refuses files it cannot use', async () => {
    const bad = path.join(tmp.dir, 'bad.pdf');
    fs.writeFileSync(bad, '%PDF');
    await expect(r.ingest(bad)).rejects.toThrow(/not a PDF/);
    const empty = path.join(tmp.dir, 'empty.md');
    fs.writeFileSync(empty, '  \n');
    await expect(r.ingest(empty)).rejects.toThrow(/empty/);
    const binary = path.join(tmp.dir, 'bin.txt');
    fs.writeFileSync(binary, Buffer.from([0xff, 0xfe, 0xfd, 0x00]));
    await expect(r.ingest(binary)).rejects.toThrow(/UTF-8/);
    await expect(r.ingest(path.join(tmp.dir, 'missing.md'))).rejects.toThrow(/no such file/);
  });
});
