import crypto from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl, requirePostgres } from '../../config.js';

/**
 * The PostgreSQL the tests use: `WUYIN_TEST_DATABASE_URL` (`.ci/run` starts one with
 * `.ci/postgres.sh`). Without it the PostgreSQL suites are skipped with the reason printed; under CI
 * (`CI=true`) a missing database fails instead, so CI can never pass by skipping them.
 */
export const PG_URL = testDatabaseUrl();
export const PG_SKIP_REASON = PG_URL ? undefined : 'no PostgreSQL: set WUYIN_TEST_DATABASE_URL (bash .ci/postgres.sh starts one)';

export function announcePostgres(suite: string): void {
  if (PG_URL) return;
  if (requirePostgres()) throw new Error(`${suite}: CI must run the PostgreSQL suites, but WUYIN_TEST_DATABASE_URL is not set`);
  console.warn(`[skipped] ${suite}: ${PG_SKIP_REASON}`);
}

/** A fresh schema per test location; dropped by `dropSchemas`. */
export function schemas() {
  const made: string[] = [];
  return {
    make(): string {
      const name = `t_${crypto.randomBytes(6).toString('hex')}`;
      made.push(name);
      return name;
    },
    async dropAll(): Promise<void> {
      if (!PG_URL || made.length === 0) return;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        for (const s of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A fresh database per test file (for processes that use the default schema) on `base` (the tests'
 * server unless given: the replica bench passes its own); dropped by `drop`.
 */
export async function freshDatabase(base = PG_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `wuyin_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
