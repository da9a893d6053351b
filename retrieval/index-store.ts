import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import type { HierarchicalNSW } from 'hnswlib-node';
import { z } from 'zod';

/**
 * The on-disk vector index: an hnswlib graph plus named side artifacts (the LSA projection, the
 * pruned jieba dictionary), described by a manifest. Every file is checksummed, and the check
 * runs before hnswlib touches the file, because a truncated or garbled graph can crash the
 * native reader instead of throwing.
 */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');
export const ManifestSchema = z.object({
  version: z.literal(1),
  embedderId: z.string().min(1),
  dimension: z.number().int().positive(),
  corpusHash: sha256Hex,
  passageCount: z.number().int().positive(),
  files: z.record(z.string(), z.object({ sha256: sha256Hex, bytes: z.number().int().nonnegative() })),
  created: z.string().min(1),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export interface Expected {
  /** Left out by a caller that can fold new passages into an index built for an older corpus. */
  corpusHash?: string;
  passageCount?: number;
  /** The embedder the caller will query with; a different id means the vectors are stale. */
  embedderId: string;
  /** Instead of equality with embedderId: the built-in LSA keeps its fitted id while passages are folded in. */
  embedderMatches?: (id: string) => boolean;
}

export interface LoadedStore {
  manifest: Manifest;
  index: HierarchicalNSW;
  artifacts: Map<string, Buffer>;
}

export type LoadResult = ({ ok: true } & LoadedStore) | { ok: false; reason: string };

export const INDEX_FILE = 'vectors.hnsw';
const MANIFEST_FILE = 'manifest.json';
// efSearch: at the whitepaper's size the bench measured bare top-5 recall 0.972 at hnswlib's default ef 10 and
// 1.0 from ef 32; at 100× (25 000 passages) ef 64 gave 0.957, so the width grows to 256 (measured in the scale bench).
export const HNSW_EF_SEARCH = 256;
const HNSW = { m: 16, efConstruction: 200, seed: 100, efSearch: HNSW_EF_SEARCH };

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

export function manifestPath(dir: string): string {
  return path.join(dir, MANIFEST_FILE);
}

/** Loads the stored index if it is intact and matches what the caller expects; otherwise says why not. */
export function loadStore(dir: string, expected: Expected): LoadResult {
  const mpath = manifestPath(dir);
  if (!fs.existsSync(mpath)) return { ok: false, reason: 'no index yet' };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(mpath, 'utf8'));
  } catch (err) {
    return { ok: false, reason: `manifest ${mpath} is not JSON (${(err as Error).message})` };
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, reason: `manifest ${mpath} is invalid (${where})` };
  }
  const m = parsed.data;
  if (expected.corpusHash !== undefined && m.corpusHash !== expected.corpusHash) return { ok: false, reason: 'corpus changed' };
  const sameEmbedder = expected.embedderMatches ? expected.embedderMatches(m.embedderId) : m.embedderId === expected.embedderId;
  if (!sameEmbedder) return { ok: false, reason: `embedder changed (${m.embedderId} → ${expected.embedderId})` };
  if (expected.passageCount !== undefined && m.passageCount !== expected.passageCount) return { ok: false, reason: 'passage count changed' };
  if (!m.files[INDEX_FILE]) return { ok: false, reason: `manifest lists no ${INDEX_FILE}` };

  const artifacts = new Map<string, Buffer>();
  for (const [name, meta] of Object.entries(m.files)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) return { ok: false, reason: `${name} is missing` };
    const buf = fs.readFileSync(file);
    if (buf.length !== meta.bytes) return { ok: false, reason: `${name} is ${buf.length} bytes, manifest says ${meta.bytes} (truncated or replaced)` };
    if (sha256(buf) !== meta.sha256) return { ok: false, reason: `${name} checksum mismatch (corrupt)` };
    if (name !== INDEX_FILE) artifacts.set(name, buf);
  }
  const index = new hnswlib.HierarchicalNSW('ip', m.dimension);
  try {
    index.readIndexSync(path.join(dir, INDEX_FILE));
  } catch (err) {
    return { ok: false, reason: `${INDEX_FILE} unreadable (${(err as Error).message})` };
  }
  if (index.getCurrentCount() !== m.passageCount || index.getNumDimensions() !== m.dimension) {
    return { ok: false, reason: `${INDEX_FILE} holds ${index.getCurrentCount()}×${index.getNumDimensions()}, manifest says ${m.passageCount}×${m.dimension}` };
  }
  index.setEf(HNSW.efSearch);
  return { ok: true, manifest: m, index, artifacts };
}

/** Builds the graph over `vectors` (label = passage position) and writes it with its artifacts and manifest. */
export function saveStore(
  dir: string,
  info: {
    embedderId: string; corpusHash: string; vectors: Float32Array[]; artifacts: Record<string, Buffer>;
    /** A graph holding the first passages already (an incremental ingest): only the rest are added. */
    index?: HierarchicalNSW;
  },
): LoadedStore {
  const dimension = info.vectors[0]?.length ?? 0;
  if (dimension === 0) throw new Error('cannot build a vector index over zero passages');
  fs.mkdirSync(dir, { recursive: true });
  let index = info.index;
  if (index) {
    index.resizeIndex(info.vectors.length);
  } else {
    index = new hnswlib.HierarchicalNSW('ip', dimension);
    index.initIndex({ maxElements: info.vectors.length, m: HNSW.m, efConstruction: HNSW.efConstruction, randomSeed: HNSW.seed });
  }
  for (let i = index.getCurrentCount(); i < info.vectors.length; i++) index.addPoint(Array.from(info.vectors[i]!), i);
  index.setEf(HNSW.efSearch);

  // The manifest goes last, so a crash mid-write leaves an index that fails validation.
  fs.rmSync(manifestPath(dir), { force: true });
  const files: Manifest['files'] = {};
  const tmpIndex = path.join(dir, `${INDEX_FILE}.tmp`);
  index.writeIndexSync(tmpIndex);
  fs.renameSync(tmpIndex, path.join(dir, INDEX_FILE));
  const indexBuf = fs.readFileSync(path.join(dir, INDEX_FILE));
  files[INDEX_FILE] = { sha256: sha256(indexBuf), bytes: indexBuf.length };
  for (const [name, buf] of Object.entries(info.artifacts)) {
    fs.writeFileSync(path.join(dir, name), buf);
    files[name] = { sha256: sha256(buf), bytes: buf.length };
  }
  const manifest: Manifest = {
    version: 1,
    embedderId: info.embedderId,
    dimension,
    corpusHash: info.corpusHash,
    passageCount: info.vectors.length,
    files,
    created: new Date().toISOString(),
  };
  fs.writeFileSync(manifestPath(dir), JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, index, artifacts: new Map(Object.entries(info.artifacts)) };
}
