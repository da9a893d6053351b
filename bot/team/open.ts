import type { Config } from '../../config.js';
import type { CampaignStore } from './store.js';
import { openCampaignStore } from './store-sqlite.js';

/**
 * The campaign store the configuration asks for, beside the session store: PostgreSQL when
 * `WUYIN_DATABASE_URL` is set (campaigns shared by every replica), otherwise the SQLite file in the
 * data dir. The pg driver is imported only then.
 */
export async function openConfiguredCampaignStore(config: Pick<Config, 'dataDir' | 'WUYIN_DATABASE_URL'>): Promise<CampaignStore> {
  if (config.WUYIN_DATABASE_URL) {
    const { openPostgresCampaignStore } = await import('./store-postgres.js');
    return openPostgresCampaignStore({ url: config.WUYIN_DATABASE_URL });
  }
  return openCampaignStore(config.dataDir);
}
