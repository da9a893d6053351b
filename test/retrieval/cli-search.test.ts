import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpDataDir } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'retrieval', 'fixtures', 'our-stores.md');
let tmp: ReturnType<typeof tmpDataDir>;

function wuyin(...args: string[]) {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'wuyin.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, WUYIN_DATA_DIR: tmp.dir, WUYIN_LOG_LEVEL: 'warn', WUYIN_EMBEDDING_MODEL: '' },
    timeout: 30_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

// Build once up front so the search calls below only load the index.
beforeAll(() => {
  tmp = tmpDataDir();
  const idx = wuyin('index');
  expect(idx.code, idx.stderr).toBe(0);
  expect(idx.stdout).toMatch(/build \d+ ms, load \d+ ms/);
});
afterAll(() => tmp.cleanup());

describe('wuyin index, search, ingest', () => {
  it('prints JSON hits best first with the documented shape', () => {
    const { code, stdout } = wuyin('search', '门店选址', '--k', '3', '--json');
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(hits).toHaveLength(3);
    for (const h of hits) {
      expect(Object.keys(h).sort()).toEqual(['id', 'score', 'source', 'text']);
      expect(typeof (h.source as { section: unknown }).section).toBe('string');
    }
    const scores = hits.map((h) => h.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('filters by element name', () => {
    const { stdout } = wuyin('search', '瓶颈', '--element', '零售', '--json');
    for (const h of JSON.parse(stdout)) expect(h.source.element).toBe('retail');
  });

  it('prints readable results with section names', () => {
    const { code, stdout } = wuyin('search', '业务连续性', '--k', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1\. 基础设施云化/m);
  });

  it('exits 2 with a message for bad usage', () => {
    const empty = wuyin('search', '   ');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/query is empty/);
    const bad = wuyin('search', 'x', '--element', 'spaceships');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown --element/);
  });

  it('ingests a file that search then cites', () => {
    const ing = wuyin('ingest', FIXTURE);
    expect(ing.code).toBe(0);
    expect(ing.stdout).toMatch(/ingested our-stores\.md/);
    const hits = JSON.parse(wuyin('search', '库存周转天数', '--json', '--k', '1').stdout);
    expect(hits[0].source.file).toBe('our-stores.md');
  });
});
