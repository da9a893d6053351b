import { beforeAll, describe } from 'vitest';
import { openPostgresStore } from '../../../../bot/store/postgres/pg-store.js';
import { configureLog } from '../../../../log.js';
import { announcePostgres, PG_URL, schemas } from '../../../support/postgres.js';
import { storeContract } from '../contract.js';

beforeAll(() => configureLog({ level: 'silent' }));
announcePostgres('PostgreSQL store contract');
const made = schemas();
describe.skipIf(!PG_URL)('PostgreSQL backend', () => {
  storeContract('PostgreSQL', {
    crossStore: 'locked',
    async create() {
      const schema = made.make();
      return { open: async (opts) => openPostgresStore({ url: PG_URL!, schema, max: 8, ...opts }) };
    },
    async cleanup() {
      await made.dropAll();
    },
  });
});
