import { beforeAll, describe } from 'vitest';
import { openPostgresCampaignStore } from '../../../bot/team/store-postgres.js';
import { configureLog } from '../../../log.js';
import { announcePostgres, PG_URL, schemas } from '../../support/postgres.js';
import { campaignStoreContract } from './store-contract.js';

beforeAll(() => configureLog({ level: 'silent' }));
announcePostgres('PostgreSQL campaign store contract');
const made = schemas();
describe.skipIf(!PG_URL)('PostgreSQL campaign store', () => {
  campaignStoreContract('PostgreSQL', async () => {
    const schema = made.make();
    return {
      store: await openPostgresCampaignStore({ url: PG_URL!, schema }),
      reopen: () => openPostgresCampaignStore({ url: PG_URL!, schema }),
      cleanup: () => made.dropAll(),
    };
  });
});
