import { loadConfig } from '../config.js';
import { parseArgs } from './args.js';

/**
 * `wuyin migrate [--json]`: brings the configured store's schema up to date and says from which
 * version to which. SQLite migrates on open as well; PostgreSQL replicas also migrate on start, under
 * an advisory lock, so running this first is for operators who want to see the step on its own.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const config = loadConfig();
  let result: { backend: string; where: string; from: number; to: number; team?: { from: number; to: number }; links?: { from: number; to: number } };
  if (config.WUYIN_DATABASE_URL) {
    const { createPool, migrate, redactUrl } = await import('../bot/store/postgres/db.js');
    const pool = createPool({ url: config.WUYIN_DATABASE_URL, max: 1 });
    try {
      result = { backend: 'postgres', where: redactUrl(config.WUYIN_DATABASE_URL), ...(await migrate(pool)) };
      // The campaign tables and the report links keep migration lists of their own.
      const { migrateList } = await import('../bot/store/postgres/migrate-list.js');
      result.team = await migrateList(pool, (await import('../bot/team/store-postgres.js')).PG_TEAM_MIGRATIONS);
      result.links = await migrateList(pool, (await import('../bot/store/report-links-pg.js')).PG_LINK_MIGRATIONS);
    } finally {
      await pool.end();
    }
  } else {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { default: Database } = await import('better-sqlite3');
    const { openDatabase, DB_FILE_NAME } = await import('../bot/store/db.js');
    const existing = path.join(config.dataDir, DB_FILE_NAME);
    let from = 0;
    if (fs.existsSync(existing)) {
      const ro = new Database(existing, { readonly: true });
      from = Number(ro.pragma('user_version', { simple: true }));
      ro.close();
    }
    const { db, file } = openDatabase(config.dataDir);
    const to = Number(db.pragma('user_version', { simple: true }));
    db.close();
    result = { backend: 'sqlite', where: file, from, to };
  }
  if (args.flags.has('json')) process.stdout.write(JSON.stringify(result) + '\n');
  else process.stdout.write(`${result.backend} ${result.where}: schema ${result.from === result.to ? `at version ${result.to}` : `migrated ${result.from} → ${result.to}`}\n`);
  return 0;
}
