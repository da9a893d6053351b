import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { extractedDir, USER_EXTENSIONS, userDir } from './corpus.js';
import { INGEST_EXTENSIONS } from './extract.js';
import type { SourceKind } from './extract.js';

/**
 * The ingested-material manifest (<dataDir>/user/sources.json): what each source was when it came in.
 * The stored texts stay the truth for the index; the manifest only adds kind, original size and date.
 */
export const SourceRecordSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(['md', 'txt', 'pdf', 'docx']),
  /** Size of the file as ingested (the PDF/DOCX, not the extracted text). */
  bytes: z.number().int().nonnegative(),
  ingestedAt: z.string(),
});
export type SourceRecord = z.infer<typeof SourceRecordSchema>;
const ManifestSchema = z.array(SourceRecordSchema);

const manifestFile = (dataDir: string) => path.join(userDir(dataDir), 'sources.json');

/** Where a source's text is stored: md/txt as themselves, PDF/DOCX as extracted text. */
export function storedPath(dataDir: string, name: string, kind: SourceKind): string {
  return kind === 'md' || kind === 'txt' ? path.join(userDir(dataDir), name) : path.join(extractedDir(dataDir), `${name}.txt`);
}

function readManifest(dataDir: string): SourceRecord[] {
  try {
    return ManifestSchema.parse(JSON.parse(fs.readFileSync(manifestFile(dataDir), 'utf8')));
  } catch {
    return []; // missing or damaged: the stored files below still list, with what the disk says
  }
}

function writeManifest(dataDir: string, records: SourceRecord[]): void {
  const file = manifestFile(dataDir);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(records, null, 2) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

/** Every stored source, with manifest facts where known (files ingested before the manifest get disk facts). */
export function listSources(dataDir: string): SourceRecord[] {
  const known = new Map(readManifest(dataDir).map((r) => [r.name, r]));
  const out: SourceRecord[] = [];
  const add = (name: string, kind: SourceKind, file: string) => {
    const st = fs.statSync(file);
    out.push(known.get(name) ?? { name, kind, bytes: st.size, ingestedAt: st.mtime.toISOString() });
  };
  const dir = userDir(dataDir);
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir).sort()) {
      const ext = path.extname(name).toLowerCase();
      if (USER_EXTENSIONS.includes(ext)) add(name, INGEST_EXTENSIONS[ext]!, path.join(dir, name));
    }
  }
  const ex = extractedDir(dataDir);
  if (fs.existsSync(ex)) {
    for (const stored of fs.readdirSync(ex).sort()) {
      const name = stored.replace(/\.txt$/, '');
      const kind = INGEST_EXTENSIONS[path.extname(name).toLowerCase()];
      if (stored.endsWith('.txt') && kind) add(name, kind, path.join(ex, stored));
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function storeSource(dataDir: string, record: SourceRecord, text: string): void {
  const file = storedPath(dataDir, record.name, record.kind);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.part`, text);
  fs.renameSync(`${file}.part`, file);
  writeManifest(dataDir, [...readManifest(dataDir).filter((r) => r.name !== record.name), record]);
}

/** Deletes a source's stored text and manifest entry; false when there is no such source. */
export function deleteSource(dataDir: string, name: string): boolean {
  const rec = listSources(dataDir).find((r) => r.name === name);
  if (!rec) return false;
  fs.rmSync(storedPath(dataDir, rec.name, rec.kind), { force: true });
  writeManifest(dataDir, readManifest(dataDir).filter((r) => r.name !== name));
  return true;
}
