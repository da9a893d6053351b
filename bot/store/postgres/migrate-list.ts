import type pg from 'pg';
import { logger } from '../../../log.js';
import { quoteIdent } from './db.js';

/**
 * Applies one append-only migration list, versioned in its own table, under a transaction-level
 * advisory lock, so replicas starting together apply each step once. The campaign store and the
 * report links keep their tables in lists of their own (as SQLite's team_schema does), so they
 * never compete with the session store's `wuyin_migrations` numbering.
 */
const log = logger('store');

export interface MigrationList {
  /** The version table, e.g. team_migrations. */
  table: string;
  /** The advisory lock's key (distinct per list). */
  lock: number;
  migrations: readonly string[];
}

export async function migrateList(pool: pg.Pool, list: MigrationList, schema?: string): Promise<{ from: number; to: number }> {
  const table = quoteIdent(list.table);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [list.lock]);
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
    const from = Number((await client.query(`SELECT COALESCE(MAX(version), 0) AS v FROM ${table}`)).rows[0].v);
    const to = list.migrations.length;
    if (from > to) throw new Error(`${list.table} is at version ${from}, newer than this Wuyin (${to}); upgrade Wuyin`);
    for (let v = from; v < to; v++) {
      await client.query(list.migrations[v]!);
      await client.query(`INSERT INTO ${table} (version, applied_at) VALUES ($1, $2)`, [v + 1, new Date().toISOString()]);
    }
    await client.query('COMMIT');
    if (from < to) log.info('migrated', { table: list.table, from, to });
    return { from, to };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
