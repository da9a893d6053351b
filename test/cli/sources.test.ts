import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpDataDir } from '../retrieval/helpers.js';
import { makeDocx, makePdf } from '../retrieval/support/make-files.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let tmp: ReturnType<typeof tmpDataDir>;
let inbox: string;

function wuyin(...args: string[]) {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'wuyin.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, WUYIN_DATA_DIR: tmp.dir, WUYIN_LOG_LEVEL: 'warn', WUYIN_EMBEDDING_MODEL: '', WUYIN_MAX_INGEST_BYTES: '20000' },
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(() => {
  tmp = tmpDataDir();
  inbox = fs.mkdtempSync(path.join(tmp.dir, '..', 'wuyin-cli-inbox-'));
});
afterAll(() => {
  tmp.cleanup();
  fs.rmSync(inbox, { recursive: true, force: true });
});

describe('wuyin ingest PDF/DOCX and wuyin sources', () => {
  it('ingests, lists, searches, refuses and removes', () => {
    const pdf = path.join(inbox, 'store-audit.pdf');
    fs.writeFileSync(pdf, makePdf({ chinese: ['华东区域门店冷链损耗率为百分之三'] }));
    const ing = wuyin('ingest', pdf);
    expect(ing.code, ing.stderr).toBe(0);
    expect(ing.stdout).toMatch(/ingested store-audit\.pdf: 1 passages.*cited as "store-audit\.pdf"/);

    const big = path.join(inbox, 'big.docx');
    fs.writeFileSync(big, Buffer.concat([makeDocx(['x']), Buffer.alloc(20_000)]));
    const refused = wuyin('ingest', big);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/big\.docx: \d+ bytes is over the 20000-byte limit \(WUYIN_MAX_INGEST_BYTES\)/);

    const list = wuyin('sources', '--json');
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      { name: 'store-audit.pdf', kind: 'pdf', bytes: fs.statSync(pdf).size, ingestedAt: expect.any(String), passages: 1 },
    ]);
    expect(wuyin('sources').stdout).toMatch(/^name\s+kind\s+size\s+passages\s+ingested\nstore-audit\.pdf\s+pdf\s+[\d.]+ KB\s+1\s+\d{4}-/);

    const hit = JSON.parse(wuyin('search', '冷链损耗率', '--k', '1', '--json').stdout)[0];
    expect(hit.source.file).toBe('store-audit.pdf');

    const missing = wuyin('sources', 'remove', 'nope.pdf');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no ingested source named 'nope\.pdf' \(have: store-audit\.pdf\)/);
    const removed = wuyin('sources', 'remove', 'store-audit.pdf');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/removed store-audit\.pdf; the index now has \d+ passages/);
    expect(JSON.parse(wuyin('sources', '--json').stdout)).toEqual([]);
    expect(wuyin('sources', 'bogus').code).toBe(2);
  }, 120_000);
});
