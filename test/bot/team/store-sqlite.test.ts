import fs from 'node:fs';
import { openCampaignStore } from '../../../bot/team/store-sqlite.js';
import { openStore } from '../../../bot/store/index.js';
import { tmpDir } from '../helpers.js';
import { campaignStoreContract } from './store-contract.js';
import { expect, it } from 'vitest';

campaignStoreContract('SQLite', async () => {
  const dir = tmpDir('wuyin-team-');
  return {
    store: openCampaignStore(dir),
    reopen: async () => openCampaignStore(dir),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

it('shares the data dir with the conversation store without touching its schema version', async () => {
  const dir = tmpDir('wuyin-team-');
  const sessions = await openStore(dir);
  const team = openCampaignStore(dir);
  await team.close();
  await sessions.close();
  const again = await openStore(dir);
  expect(await again.listConversations()).toEqual([]);
  await again.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
