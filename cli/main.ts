/**
 * The `wuyin` command line. Each command lives in its own module and is loaded lazily,
 * so `wuyin rubric` does not pay for SQLite, hnswlib or the Slack SDK.
 */
export type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  chat: { summary: 'chat in the terminal (interactive, piped, or --script FILE)', load: () => import('./chat.js') },
  rubric: { summary: 'print the maturity rubric (--json for the model)', load: () => import('./rubric.js') },
  knowledge: { summary: 'parse the whitepaper into knowledge/rubric.json', load: () => import('./knowledge.js') },
  search: { summary: 'search the whitepaper: search "<query>" [--k 5] [--pillar N] [--element 零售] [--json]', load: () => import('./search.js') },
  index: { summary: 'rebuild the retrieval index', load: () => import('./index-cmd.js') },
  ingest: { summary: 'add your own material: ingest <file.md|.txt|.pdf|.docx>', load: () => import('./ingest.js') },
  sources: { summary: 'list ingested material: sources [--json] | sources remove NAME', load: () => import('./sources.js') },
  score: { summary: 'score a free-text answer: score --indicator 1.1 --answer "…" [--json]', load: () => import('./score.js') },
  campaign: { summary: 'team assessments: campaign create|list|status|close|wave|export|report|override ID …', load: () => import('./campaign.js') },
  report: { summary: 'a session report: report <session> [--format md|json|html|pdf] [--out FILE] [--client NAME]', load: () => import('./report.js') },
  doctor: { summary: 'store health: full integrity check, quarantine, stuck inbox, pending and undeliverable replies', load: () => import('./doctor.js') },
  slack: { summary: 'run the Slack adapter', load: () => import('./slack.js') },
  dingtalk: { summary: 'run the DingTalk adapter', load: () => import('./dingtalk.js') },
  eval: { summary: 'run the regression evals', load: () => import('./eval.js') },
  bench: { summary: 'run the benchmarks', load: () => import('./bench.js') },
  links: { summary: 'report links: links [--user ID] [--json] | links revoke <link|token|id> | links revoke --user ID', load: () => import('./links.js') },
  migrate: { summary: 'bring the store schema up to date (SQLite, or PostgreSQL with WUYIN_DATABASE_URL)', load: () => import('./migrate.js') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Wuyin (五音) — digital-intelligence transformation assistant\n\nUsage: wuyin <command> [options]\n\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  // The log level for every command, from config.ts (the only reader of the environment). A bad
  // environment is reported by the commands that need their configuration, not here.
  try {
    const { loadConfig } = await import('../config.js');
    const { configureLog } = await import('../log.js');
    configureLog({ level: loadConfig().WUYIN_LOG_LEVEL });
  } catch { /* left at the default level */ }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`wuyin: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  let mod: { run: Command };
  try {
    mod = await cmd.load();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(`/cli/`)) {
      process.stderr.write(`wuyin: '${name}' is not available in this build yet\n`);
      return 2;
    }
    throw err;
  }
  try {
    return await mod.run(rest);
  } catch (err) {
    process.stderr.write(`wuyin ${name}: ${(err as Error).message}\n`);
    return 1;
  }
}
