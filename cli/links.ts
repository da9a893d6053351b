import { loadConfig, secretValues } from '../config.js';
import { configureLog } from '../log.js';
import { openConfiguredReportLinks, tokenOf, LINK_ID } from '../bot/store/report-links.js';
import { parseArgs } from './args.js';

/**
 * `wuyin links [--user ID] [--json]` lists live report links (no tokens: only their hashes are
 * stored; `id` is the hash's first 16 hex). `wuyin links revoke <link|token|id>` or `--user ID`
 * revokes: the page then answers 404, as for an unknown token. The CLI is the operator, who may revoke any link;
 * people revoke their own in chat (撤销报告链接 / revoke report links).
 */
const USAGE = 'usage: wuyin links [--user ID] [--json] | wuyin links revoke <link|token|id> | wuyin links revoke --user ID\n';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const config = loadConfig();
  configureLog({ level: config.WUYIN_LOG_LEVEL, secrets: secretValues(config) });
  const [sub, what] = args.positionals;
  const user = args.flags.get('user');
  if (sub !== undefined && sub !== 'list' && sub !== 'revoke') return fail(`unknown links command '${sub}'`);
  if (user === true) return fail('--user needs an id');
  const links = await openConfiguredReportLinks(config);
  try {
    if (sub === 'revoke') {
      let n: number;
      if (typeof user === 'string' && what === undefined) n = await links.revokeUser(user);
      else if (what && tokenOf(what)) n = (await links.revoke(tokenOf(what)!)) ? 1 : 0;
      else if (what && LINK_ID.test(what)) n = await links.revokeId(what);
      else return fail('revoke what? a link, its token, an id from `wuyin links`, or --user ID');
      if (args.flags.has('json')) process.stdout.write(JSON.stringify({ revoked: n }) + '\n');
      else process.stdout.write(n ? `revoked ${n} link(s); they now answer 404\n` : 'nothing to revoke (unknown, expired or already revoked)\n');
      return n ? 0 : 1;
    }
    const list = await links.list(typeof user === 'string' ? { userId: user } : {});
    if (args.flags.has('json')) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
    else if (!list.length) process.stdout.write('no live report links\n');
    else for (const l of list) process.stdout.write(`${l.id}\t${l.userId}\t${l.conversationId}\t${l.locale}\texpires ${l.expiresAt}${l.revokedAt ? `\trevoked ${l.revokedAt}` : ''}\n`);
    return 0;
  } finally {
    await links.close();
  }
}

function fail(msg: string): number {
  process.stderr.write(`wuyin links: ${msg}\n${USAGE}`);
  return 2;
}
