import { loadConfig, secretValues } from '../config.js';
import { loadRubric } from '../knowledge/load.js';
import { configureLog } from '../log.js';
import { campaignCommand } from '../bot/team/commands.js';
import { openCampaignStore } from '../bot/team/store-sqlite.js';
import { parseArgs } from './args.js';

/**
 * `wuyin campaign …`: team assessments for consultants (bot/team/commands.ts). The CLI runs as
 * the local operator, who holds the data dir; `--as ID` checks ownership as that user would see it.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const config = loadConfig();
  configureLog({ level: config.WUYIN_LOG_LEVEL, secrets: secretValues(config) });
  const store = openCampaignStore(config.dataDir);
  try {
    const as = args.flags.get('as');
    const r = await campaignCommand({ store, rubric: loadRubric(), viewer: typeof as === 'string' ? as : undefined, now: new Date() }, args.positionals, args.flags);
    (r.code === 0 ? process.stdout : process.stderr).write(r.out);
    return r.code;
  } finally {
    await store.close();
  }
}
