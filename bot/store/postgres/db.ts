import pg from 'pg';
import { logger } from '../../../log.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './migrations.js';

/**
 * Connecting to PostgreSQL and bringing its schema up to date. Knows nothing about sessions.
 * Replicas may start at once: migrations run under a transaction-level advisory lock, so exactly
 * one applies each step and the others see it done.
 */
const log = logger('store');
/** An arbitrary constant naming the migration lock among advisory locks. */
const MIGRATION_LOCK = 7_220_017;

export interface PgOptions {
  url: string;
  /** A schema to keep the tables in (tests use one per run); created if missing. Default: public. */
  schema?: string;
  /** Pool size; each in-flight turn holds one connection while its conversation is locked. */
  max?: number;
}

export function createPool(opts: PgOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 16,
    connectionTimeoutMillis: 10_000,
    // The schema as a startup parameter: every new connection (after a server restart too) has it from its first query.
    ...(opts.schema ? { options: `-c search_path=${quoteIdent(opts.schema)}` } : {}),
  });
  // A dropped idle connection (the server restarted) must not end the process; the pool replaces it.
  pool.on('error', (err) => log.warn('a PostgreSQL connection failed; it will be replaced', { error: err.message }));
  // A connection checked out for a turn (holding its advisory lock) that the server drops emits 'error'
  // on the client itself, and an 'error' without a listener ends the process: the query in flight
  // rejects anyway, so listening is all that is needed (measured: a restart of PostgreSQL killed the bot).
  pool.on('connect', (client) => {
    client.on('error', (err) => log.warn('a PostgreSQL connection in use was dropped; its work is retried', { error: err.message }));
  });
  return pool;
}

export async function migrate(pool: pg.Pool, schema?: string): Promise<{ from: number; to: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    }
    await client.query('CREATE TABLE IF NOT EXISTS wuyin_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const from = Number((await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM wuyin_migrations')).rows[0].v);
    if (from > PG_SCHEMA_VERSION) {
      throw new Error(`the database is at schema version ${from}, newer than this Wuyin (${PG_SCHEMA_VERSION}); upgrade Wuyin`);
    }
    for (let v = from; v < PG_SCHEMA_VERSION; v++) {
      await client.query(PG_MIGRATIONS[v]!);
      await client.query('INSERT INTO wuyin_migrations (version, applied_at) VALUES ($1, $2)', [v + 1, new Date().toISOString()]);
    }
    await client.query('COMMIT');
    if (from < PG_SCHEMA_VERSION) log.info('migrated the PostgreSQL schema', { from, to: PG_SCHEMA_VERSION });
    return { from, to: PG_SCHEMA_VERSION };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function schemaVersion(pool: pg.Pool): Promise<number> {
  const r = await pool.query('SELECT COALESCE(MAX(version), 0) AS v FROM wuyin_migrations');
  return Number(r.rows[0].v);
}

export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable database URL)';
  }
}
