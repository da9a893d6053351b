import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfiguredStore } from '../../../../bot/store/open.js';
import type { PostgresSessionStore } from '../../../../bot/store/postgres/pg-store.js';
import { pgPoolSize } from '../../../../config.js';
import { configureLog } from '../../../../log.js';
import { announcePostgres, freshDatabase, PG_URL } from '../../../support/postgres.js';

beforeAll(() => configureLog({ level: 'silent' }));
announcePostgres('PostgreSQL pool sized from the turn slots');
let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;
afterAll(async () => db?.drop());

describe.skipIf(!PG_URL)('the configured PostgreSQL store', () => {
  it('opens a pool with a connection for every turn slot and the drains', async () => {
    db = await freshDatabase();
    const { store } = await openConfiguredStore({ dataDir: '/nonexistent', WUYIN_DATABASE_URL: db.url, turnConcurrency: 9 });
    try {
      const max = (store as PostgresSessionStore).pool.options.max;
      expect(max).toBe(pgPoolSize(9));
      expect(max).toBeGreaterThan(9);
    } finally {
      await store.close();
    }
  });
});
