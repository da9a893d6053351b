import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { deleteSource, listSources, storedPath, storeSource } from './sources.js';
import type { SourceRecord } from './sources.js';
import { SourceRecordSchema } from './sources.js';

/**
 * Ingested material shared by every replica through PostgreSQL (`corpus_sources`, with one
 * `corpus_version` counter bumped in the same transaction as each change). The database is the
 * truth; each replica mirrors it into its own cache dir (<dataDir>/shared-corpus/user) and builds
 * or folds its local index from that, so the index code stays the embedded one. A replica polls
 * the version every WUYIN_CORPUS_POLL_MS: it answers from a stale corpus for at most one poll
 * interval plus the time to rebuild or fold its index (searches meanwhile use the previous index).
 */
export interface SharedSource extends SourceRecord {
  text: string;
}

export interface SharedCorpus {
  version(): Promise<number>;
  /** Every source and the version they make up, read in one snapshot. */
  snapshot(): Promise<{ version: number; sources: SharedSource[] }>;
  /** Adds or replaces a source; returns the new version. */
  put(source: SharedSource): Promise<number>;
  /** Removes a source; the new version, or undefined when there was none. */
  remove(name: string): Promise<number | undefined>;
  close(): Promise<void>;
}

async function tx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

const bump = async (c: pg.PoolClient) =>
  Number((await c.query('UPDATE corpus_version SET version = version + 1 WHERE id = 1 RETURNING version')).rows[0].version);

/** A shared corpus on a pool whose schema is migrated (bot/store/postgres/migrations.ts). `ownsPool`: close ends it. */
export function pgSharedCorpus(pool: pg.Pool, ownsPool = false): SharedCorpus {
  return {
    async version() {
      return Number((await pool.query('SELECT version FROM corpus_version WHERE id = 1')).rows[0].version);
    },
    async snapshot() {
      return tx(pool, async (c) => {
        await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        const version = Number((await c.query('SELECT version FROM corpus_version WHERE id = 1')).rows[0].version);
        const rows = (await c.query('SELECT name, kind, bytes, ingested_at, text FROM corpus_sources ORDER BY name')).rows;
        const sources = rows.map((r) => ({
          ...SourceRecordSchema.parse({ name: r.name, kind: r.kind, bytes: Number(r.bytes), ingestedAt: r.ingested_at }),
          text: String(r.text),
        }));
        return { version, sources };
      });
    },
    async put(s) {
      return tx(pool, async (c) => {
        await c.query(
          `INSERT INTO corpus_sources (name, kind, bytes, ingested_at, text) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, bytes = EXCLUDED.bytes, ingested_at = EXCLUDED.ingested_at, text = EXCLUDED.text`,
          [s.name, s.kind, s.bytes, s.ingestedAt, s.text],
        );
        return bump(c);
      });
    },
    async remove(name) {
      return tx(pool, async (c) => {
        const r = await c.query('DELETE FROM corpus_sources WHERE name = $1', [name]);
        return r.rowCount ? bump(c) : undefined;
      });
    },
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}

/** Makes the cache dir's ingested material exactly the snapshot's (writes only what differs). */
export function mirrorSources(dataDir: string, sources: SharedSource[]): void {
  const wanted = new Map(sources.map((s) => [s.name, s]));
  for (const local of listSources(dataDir)) {
    const w = wanted.get(local.name);
    if (!w || w.kind !== local.kind) deleteSource(dataDir, local.name);
  }
  for (const s of sources) {
    const file = storedPath(dataDir, s.name, s.kind);
    const same = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === s.text;
    const known = listSources(dataDir).find((r) => r.name === s.name);
    if (same && known?.ingestedAt === s.ingestedAt) continue;
    const { text, ...record } = s;
    storeSource(dataDir, record, text);
  }
}

/** Where a replica keeps its mirror of the shared corpus and the index built from it. */
export function sharedCacheDir(dataDir: string): string {
  return path.join(dataDir, 'shared-corpus');
}
