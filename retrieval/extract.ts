import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

/**
 * Text out of the files a consultant brings: .md/.txt as UTF-8, PDF through pdfjs-dist (legacy Node build,
 * fonts and CMaps from node_modules, no network), DOCX through mammoth. Every refusal is an IngestFileError
 * thrown before anything is written, so a bad file changes nothing.
 */
export type SourceKind = 'md' | 'txt' | 'pdf' | 'docx';
export const INGEST_EXTENSIONS: Record<string, SourceKind> = { '.md': 'md', '.txt': 'txt', '.pdf': 'pdf', '.docx': 'docx' };

export class IngestFileError extends Error {}

export interface Extracted {
  kind: SourceKind;
  text: string;
  bytes: number;
  /** Pages without any text (PDF only): a partly scanned file is ingested, and the caller says so. */
  emptyPages?: number;
  pages?: number;
}

const fail = (file: string, why: string): never => {
  throw new IngestFileError(`${path.basename(file)}: ${why}`);
};

export async function extractText(file: string, maxBytes: number): Promise<Extracted> {
  const ext = path.extname(file).toLowerCase();
  const kind = INGEST_EXTENSIONS[ext];
  if (!kind) fail(file, `only ${Object.keys(INGEST_EXTENSIONS).join(', ')} files can be ingested`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(file, 'no such file');
  // Checked before reading: a 200 MB upload is refused without being loaded.
  const bytes = fs.statSync(file).size;
  if (bytes > maxBytes) fail(file, `${bytes} bytes is over the ${maxBytes}-byte limit (WUYIN_MAX_INGEST_BYTES)`);
  const data = fs.readFileSync(file);
  if (kind === 'pdf') return { kind, bytes, ...(await pdfText(file, data)) };
  if (kind === 'docx') return { kind, bytes, text: await docxText(file, data, maxBytes) };
  return { kind: kind!, bytes, text: utf8Text(file, data) };
}

export function utf8Text(file: string, data: Buffer): string {
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    fail(file, 'not valid UTF-8 text');
  }
  if (!text.trim()) fail(file, 'the file is empty');
  return text.replace(/^\uFEFF/, '');
}

const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function pdfText(file: string, data: Buffer): Promise<{ text: string; pages: number; emptyPages: number }> {
  // The header may follow up to 1 KB of junk (PDF spec, implementation note); anything else is not a PDF.
  if (!data.subarray(0, 1024).includes('%PDF-')) fail(file, 'not a PDF (no %PDF- header); was it renamed?');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    cMapUrl: path.join(PDFJS_DIR, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(PDFJS_DIR, 'standard_fonts') + path.sep,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') fail(file, 'the PDF is encrypted with a password; save an unprotected copy');
    fail(file, `not a readable PDF (${name})`);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc!.numPages; n++) {
      const page = await doc!.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(line.trim());
      page.cleanup();
    }
    const emptyPages = pages.filter((p) => p === '').length;
    const text = pages.filter(Boolean).join('\n\n');
    if (!text.trim()) fail(file, `no text layer in ${pages.length} page(s) — a scan? Run OCR first, then ingest the result`);
    return { text, pages: pages.length, emptyPages };
  } finally {
    await doc!.destroy();
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

/** The zip's central directory, read by hand so sizes are known before anything is inflated. */
function zipEntries(file: string, data: Buffer): ZipEntry[] {
  const min = Math.max(0, data.length - 65_557);
  let eocd = -1;
  for (let i = data.length - 22; i >= min; i--) if (data.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) fail(file, 'not a DOCX (damaged zip: no central directory)');
  const count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) fail(file, 'not a DOCX (damaged zip directory)');
    const nameLen = data.readUInt16LE(p + 28);
    const entry = {
      name: data.toString('utf8', p + 46, p + 46 + nameLen),
      method: data.readUInt16LE(p + 10),
      compressed: data.readUInt32LE(p + 20),
      uncompressed: data.readUInt32LE(p + 24),
      offset: data.readUInt32LE(p + 42),
    };
    if (entry.uncompressed === 0xffffffff || entry.compressed === 0xffffffff) fail(file, 'a ZIP64 DOCX is too large to ingest');
    out.push(entry);
    p += 46 + nameLen + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
  }
  return out;
}

/**
 * Zip-bomb guard: every entry is inflated here under a hard output cap before mammoth (jszip) sees the file, so a
 * directory that lies about sizes is caught too. document.xml may be at most maxBytes, the whole archive 4×.
 */
function checkZip(file: string, data: Buffer, maxBytes: number): void {
  const entries = zipEntries(file, data);
  if (!entries.some((e) => e.name === 'word/document.xml')) fail(file, 'not a DOCX (no word/document.xml); only Word .docx files');
  let budget = maxBytes * 4;
  for (const e of entries) {
    const cap = Math.min(budget, e.name === 'word/document.xml' ? maxBytes : budget);
    if (e.uncompressed > cap) fail(file, `${e.name} would expand to ${e.uncompressed} bytes (limit ${cap}); refusing a zip bomb`);
    if (e.offset + 30 > data.length || data.readUInt32LE(e.offset) !== 0x04034b50) fail(file, 'not a DOCX (damaged zip entry)');
    const start = e.offset + 30 + data.readUInt16LE(e.offset + 26) + data.readUInt16LE(e.offset + 28);
    const raw = data.subarray(start, start + e.compressed);
    let size = raw.length;
    if (e.method === 8) {
      try {
        size = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, cap) }).length;
      } catch (err) {
        if ((err as Error).name === 'RangeError' || /maxOutputLength|buffer/i.test((err as Error).message)) {
          fail(file, `${e.name} expands past ${cap} bytes although the zip says ${e.uncompressed}; refusing a zip bomb`);
        }
        fail(file, `not a DOCX (damaged entry ${e.name})`);
      }
    } else if (e.method !== 0) fail(file, `unsupported zip compression method ${e.method} in ${e.name}`);
    budget -= size;
  }
}

async function docxText(file: string, data: Buffer, maxBytes: number): Promise<string> {
  if (data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    fail(file, 'an old Word .doc (or encrypted .docx) file; save it as .docx without a password');
  }
  if (!data.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) fail(file, 'not a DOCX (not a zip file); was it renamed?');
  checkZip(file, data, maxBytes);
  const mammoth = (await import('mammoth')).default;
  let text = '';
  try {
    text = (await mammoth.extractRawText({ buffer: data })).value;
  } catch (err) {
    fail(file, `not a readable DOCX (${(err as Error).message.slice(0, 80)})`);
  }
  if (!text.trim()) fail(file, 'the document has no text');
  return text;
}
