import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, migrate } from '../../bot/store/postgres/db.js';
import { loadRubric } from '../../knowledge/load.js';
import { startCorpusPolling } from '../../retrieval/configured.js';
import { createRetriever } from '../../retrieval/retriever.js';
import type { Retriever } from '../../retrieval/retriever.js';
import { pgSharedCorpus } from '../../retrieval/shared-corpus.js';
import { announcePostgres, PG_URL, schemas } from '../support/postgres.js';
import { captureLog, tmpDataDir } from './helpers.js';

/**
 * Two index consumers (replicas: separate data dirs, separate pools) on one real PostgreSQL
 * schema. What one ingests or removes, the other serves after its next poll.
 */
announcePostgres('shared corpus on PostgreSQL');
const made = schemas();
const rubric = loadRubric();
const POLL_MS = 150;

describe.skipIf(!PG_URL)('shared corpus across replicas', () => {
  const dirs = [tmpDataDir(), tmpDataDir()];
  const pools: pg.Pool[] = [];
  let a: Retriever;
  let b: Retriever;
  let stopB: () => void;
  let inbox: string;
  let schema: string;

  const replica = async (dir: string, schema: string) => {
    const pool = createPool({ url: PG_URL!, schema, max: 2 });
    pools.push(pool);
    await migrate(pool, schema);
    return createRetriever({ dataDir: dir, rubric, shared: pgSharedCorpus(pool), log: captureLog() });
  };
  const top = async (r: Retriever, q: string) => (await r.search(q, { k: 1 }))[0]?.source.file;
  /** Polls `check` until it holds, failing after `ms`; returns the time it took. */
  const within = async (ms: number, check: () => Promise<boolean>) => {
    const t0 = Date.now();
    while (!(await check())) {
      if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return Date.now() - t0;
  };

  beforeAll(async () => {
    schema = made.make();
    inbox = fs.mkdtempSync(path.join(dirs[0]!.dir, '..', 'wuyin-shared-inbox-'));
    [a, b] = [await replica(dirs[0]!.dir, schema), await replica(dirs[1]!.dir, schema)];
    stopB = startCorpusPolling(b, POLL_MS, captureLog());
  }, 120_000);
  afterAll(async () => {
    stopB?.();
    for (const p of pools) await p.end();
    await made.dropAll();
    for (const d of dirs) d.cleanup();
    fs.rmSync(inbox, { recursive: true, force: true });
  });

  it('serves on the other replica what one replica ingested, within the poll bound plus a rebuild', async () => {
    const file = path.join(inbox, 'cold-chain.md');
    fs.writeFileSync(file, '华东区域门店冷链损耗率为百分之三，冷链损耗集中在夏季夜间配送。\n');
    expect(await top(b, '冷链损耗率')).toBeUndefined();
    await a.ingest(file);
    expect(await top(a, '冷链损耗率')).toBe('cold-chain.md');
    // The stated bound: one poll interval plus the index rebuild (about a second at this size; generous under load).
    await within(POLL_MS + 30_000, async () => (await top(b, '冷链损耗率')) === 'cold-chain.md');
    expect(b.sources().map((s) => s.name)).toEqual(['cold-chain.md']);
    // The mirror is this replica's own cache; the other replica's data dir never held the file.
    expect(fs.existsSync(path.join(dirs[1]!.dir, 'user', 'cold-chain.md'))).toBe(true);
  }, 60_000);

  it('drops on the other replica what one replica removed', async () => {
    expect(await a.remove('cold-chain.md')).toBe(true);
    expect(await a.remove('cold-chain.md')).toBe(false);
    await within(POLL_MS + 30_000, async () => b.sources().length === 0);
    expect(await top(b, '冷链损耗率')).not.toBe('cold-chain.md');
  }, 60_000);

  it('a replica started later builds from the database, and an unchanged version is a no-op', async () => {
    // B has shown its polling; stopped, so its rebuild does not hold this process's event loop meanwhile.
    stopB();
    const file = path.join(inbox, 'rebates.md');
    fs.writeFileSync(file, '经销商返利对账周期由九十天缩短到三十天。\n');
    await a.ingest(file);
    const late = tmpDataDir();
    dirs.push(late);
    const c = await replica(late.dir, schema);
    expect(await top(c, '经销商返利对账')).toBe('rebates.md');
    expect(c.sources().map((x) => x.name)).toEqual(['rebates.md']);
    expect(await c.refresh()).toBe(false);
  }, 60_000);
});
