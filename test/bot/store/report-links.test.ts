import fs from 'node:fs';
import { beforeAll, describe } from 'vitest';
import { openReportLinks } from '../../../bot/store/report-links.js';
import { openPostgresReportLinks } from '../../../bot/store/report-links-pg.js';
import { configureLog } from '../../../log.js';
import { announcePostgres, PG_URL, schemas } from '../../support/postgres.js';
import { tmpDir } from '../helpers.js';
import { reportLinksContract } from './report-links-contract.js';

beforeAll(() => configureLog({ level: 'silent' }));
reportLinksContract('SQLite', async (now) => {
  const dir = tmpDir('wuyin-links-');
  return { links: openReportLinks(dir, now), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
});

announcePostgres('PostgreSQL report links contract');
const made = schemas();
describe.skipIf(!PG_URL)('PostgreSQL report links', () => {
  reportLinksContract('PostgreSQL', async (now) => ({
    links: await openPostgresReportLinks({ url: PG_URL!, schema: made.make(), now }),
    cleanup: () => made.dropAll(),
  }));
});
