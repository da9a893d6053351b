import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, IngestFileError } from '../../retrieval/extract.js';
import { tmpDataDir } from './helpers.js';
import { makeDocx, makePdf } from './support/make-files.js';

let tmp: ReturnType<typeof tmpDataDir>;
const put = (name: string, data: Buffer | string) => {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, data);
  return file;
};
const MB = 1024 * 1024;
beforeAll(() => (tmp = tmpDataDir()));
afterAll(() => tmp.cleanup());

async function refusal(file: string, max = 50 * MB): Promise<string> {
  try {
    await extractText(file, max);
  } catch (err) {
    expect(err).toBeInstanceOf(IngestFileError);
    return (err as Error).message;
  }
  throw new Error(`${path.basename(file)} was accepted`);
}

describe('extractText', () => {
  it('reads Latin and Chinese text from a hand-made PDF', async () => {
    const file = put('audit.pdf', makePdf({ latin: ['Cold chain spoilage audit'], chinese: ['华东区域门店冷链损耗率为百分之三'] }));
    const ex = await extractText(file, 50 * MB);
    expect(ex).toMatchObject({ kind: 'pdf', pages: 1, emptyPages: 0, bytes: fs.statSync(file).size });
    expect(ex.text).toContain('Cold chain spoilage audit');
    expect(ex.text).toContain('华东区域门店冷链损耗率为百分之三');
  });

  it('reads the paragraphs of a DOCX', async () => {
    const ex = await extractText(put('notes.docx', makeDocx(['经销商返利对账周期', 'Rebate <reconciliation> & cycle'])), 50 * MB);
    expect(ex.kind).toBe('docx');
    expect(ex.text).toContain('经销商返利对账周期');
    expect(ex.text).toContain('Rebate <reconciliation> & cycle');
  });

  it('refuses an encrypted PDF', async () => {
    expect(await refusal(put('locked.pdf', makePdf({ latin: ['secret'], encrypted: true })))).toMatch(/encrypted with a password/);
  });

  it('refuses a PDF with no text layer', async () => {
    expect(await refusal(put('scan.pdf', makePdf({ noText: true })))).toMatch(/no text layer.*OCR/);
  });

  it('refuses a file over the cap before reading it', async () => {
    const file = put('big.pdf', makePdf({ latin: ['x'] }));
    const size = fs.statSync(file).size;
    expect(await refusal(file, size - 1)).toMatch(new RegExp(`${size} bytes is over the ${size - 1}-byte limit`));
  });

  it('refuses files that are not what their extension says', async () => {
    expect(await refusal(put('renamed.pdf', 'just some text'))).toMatch(/not a PDF/);
    expect(await refusal(put('renamed.docx', makePdf({ latin: ['x'] })))).toMatch(/not a DOCX \(not a zip file\)/);
    expect(await refusal(put('old.docx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).toMatch(/old Word \.doc/);
    const zipNoWord = makeDocx([], { name: 'xl/workbook.xml', data: '<workbook/>' });
    expect(await refusal(put('sheet.docx', zipNoWord))).toMatch(/no word\/document\.xml/);
    expect(await refusal(put('slides.pptx', 'x'))).toMatch(/only \.md, \.txt, \.pdf, \.docx/);
    const truncated = makePdf({ latin: ['x'] }).subarray(0, 40);
    expect(await refusal(put('cut.pdf', truncated))).toMatch(/not a readable PDF/);
  });

  it('refuses a DOCX zip bomb, whether the zip admits the size or lies about it', async () => {
    const huge = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${' '.repeat(3 * MB)}</w:body></w:document>`;
    const honest = makeDocx([], { name: 'word/document.xml', data: huge });
    expect(honest.length).toBeLessThan(MB / 10); // the bomb is small on disk
    expect(await refusal(put('bomb.docx', honest), MB)).toMatch(/word\/document\.xml would expand to \d+ bytes.*zip bomb/);
    const lying = makeDocx([], { name: 'word/document.xml', data: huge, claimSize: 1000 });
    expect(await refusal(put('liar.docx', lying), MB)).toMatch(/expands past \d+ bytes although the zip says 1000.*zip bomb/);
  });
});
