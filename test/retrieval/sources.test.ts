import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { createRetriever } from '../../retrieval/retriever.js';
import type { Retriever } from '../../retrieval/retriever.js';
import { captureLog, tmpDataDir } from './helpers.js';
import { makeDocx, makePdf } from './support/make-files.js';

const rubric = loadRubric();
const MB = 1024 * 1024;
let tmp: ReturnType<typeof tmpDataDir>;
let inbox: string;
let r: Retriever;
const put = (name: string, data: Buffer | string) => {
  const file = path.join(inbox, name);
  fs.writeFileSync(file, data);
  return file;
};
/** Every file under the data dir with its size and mtime: "changes nothing" checked on disk. */
function snapshot(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name)).sort()
    .map((f) => `${path.relative(dir, f)} ${fs.statSync(f).size} ${fs.statSync(f).mtimeMs}`);
}

beforeAll(async () => {
  tmp = tmpDataDir();
  inbox = fs.mkdtempSync(path.join(tmp.dir, '..', 'wuyin-inbox-'));
  r = await createRetriever({ dataDir: tmp.dir, rubric, maxIngestBytes: MB, log: captureLog() });
});
afterAll(() => {
  tmp.cleanup();
  fs.rmSync(inbox, { recursive: true, force: true });
});

describe('PDF and DOCX material', () => {
  it('ingests a PDF and a DOCX, finds their text and cites them by file name', async () => {
    const pdf = put('华东 audit.pdf', makePdf({ latin: ['Cold chain spoilage audit'], chinese: ['华东区域门店冷链损耗率为百分之三'] }));
    expect(await r.ingest(pdf)).toEqual({ file: '华东_audit.pdf', kind: 'pdf', passages: 1 });
    const docx = put('rebates.docx', makeDocx(['经销商返利对账周期由九十天缩短到三十天', 'Distributor rebate reconciliation']));
    expect(await r.ingest(docx)).toEqual({ file: 'rebates.docx', kind: 'docx', passages: 1 });

    const [pdfHit] = await r.search('冷链损耗率', { k: 3 });
    expect(pdfHit!.source.file).toBe('华东_audit.pdf');
    expect(pdfHit!.id).toBe('user:华东_audit.pdf:1');
    const [docxHit] = await r.search('经销商返利对账', { k: 3 });
    expect(docxHit!.source.file).toBe('rebates.docx');
    expect((await r.search('rebate reconciliation', { k: 3 }))[0]!.source.file).toBe('rebates.docx');

    const list = r.sources();
    expect(list.map((s) => [s.name, s.kind, s.bytes, s.passages])).toEqual([
      ['rebates.docx', 'docx', fs.statSync(docx).size, 1],
      ['华东_audit.pdf', 'pdf', fs.statSync(pdf).size, 1],
    ]);
    for (const s of list) expect(Date.now() - Date.parse(s.ingestedAt)).toBeLessThan(60_000);

    const restarted = await createRetriever({ dataDir: tmp.dir, rubric, log: captureLog() });
    expect(restarted.stats().built).toBe(false);
    expect((await restarted.search('冷链损耗率', { k: 1 }))[0]!.source.file).toBe('华东_audit.pdf');
  });

  it('turns bad files away with a message and changes nothing', async () => {
    const before = { disk: snapshot(tmp.dir), sources: r.sources(), passages: r.stats().passages };
    const big = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${' '.repeat(3 * MB)}</w:body></w:document>`;
    const bad: Array<[string, Buffer | string, RegExp]> = [
      ['locked.pdf', makePdf({ latin: ['secret'], encrypted: true }), /encrypted/],
      ['scan.pdf', makePdf({ noText: true }), /no text layer/],
      ['large.pdf', Buffer.concat([makePdf({ latin: ['x'] }), Buffer.alloc(MB)]), /over the 1048576-byte limit/],
      ['bomb.docx', makeDocx([], { name: 'word/document.xml', data: big }), /zip bomb/],
      ['liar.docx', makeDocx([], { name: 'word/document.xml', data: big, claimSize: 10 }), /zip bomb/],
      ['renamed.pdf', 'plain text', /not a PDF/],
      ['renamed.docx', 'plain text', /not a DOCX/],
    ];
    for (const [name, data, why] of bad) await expect(r.ingest(put(name, data)), name).rejects.toThrow(why);
    expect({ disk: snapshot(tmp.dir), sources: r.sources(), passages: r.stats().passages }).toEqual(before);
  });

  it('removes a source and rebuilds the index without it', async () => {
    const before = r.stats().passages;
    expect(await r.remove('nothing.pdf')).toBe(false);
    expect(await r.remove('rebates.docx')).toBe(true);
    expect(r.stats().passages).toBe(before - 1);
    expect(r.sources().map((s) => s.name)).toEqual(['华东_audit.pdf']);
    expect((await r.search('经销商返利对账', { k: 5 })).some((h) => h.source.file === 'rebates.docx')).toBe(false);
    const restarted = await createRetriever({ dataDir: tmp.dir, rubric, log: captureLog() });
    expect(restarted.passages().some((p) => p.source.file === 'rebates.docx')).toBe(false);
  });
});
