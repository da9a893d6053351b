import { loadConfig } from '../config.js';
import { buildReport } from '../bot/report.js';
import { reportMarkdown } from '../bot/report-render.js';
import { SessionStateSchema } from '../bot/session.js';
import { openStore } from '../bot/store/index.js';
import { loadRubric } from '../knowledge/load.js';
import { flag, parseArgs } from './args.js';

/**
 * `wuyin report <session> [--format md|json]`: a stored conversation's report. `wuyin report` lists
 * the sessions, then the past assessments kept by restarts (`past:<n>`, readable the same way).
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const format = flag(args, 'format') ?? 'md';
  if (format !== 'md' && format !== 'json') { process.stderr.write(`wuyin report: --format must be md or json (got ${format})\n`); return 2; }
  const store = openStore(loadConfig().dataDir);
  try {
    const id = args.positionals[0];
    if (!id) {
      const list = (await store.listConversations()).filter((c) => c.hasState);
      const past = await store.pastAssessments();
      if (!list.length && !past.length) { process.stdout.write('no sessions yet\n'); return 0; }
      for (const c of list) process.stdout.write(`${c.conversationId}\t${c.platform}\t${c.userId}\t${c.updatedAt}\n`);
      for (const p of past) process.stdout.write(`past:${p.id}\t${p.conversationId}\t${p.userId}\t${p.archivedAt}\tpast assessment\n`);
      return 0;
    }
    const pastId = /^past:(\d+)$/.exec(id)?.[1];
    const state = pastId
      ? (await store.pastAssessments(undefined, { schema: SessionStateSchema })).find((p) => p.id === Number(pastId))?.state
      : await store.getState(id, { schema: SessionStateSchema });
    if (!state) { process.stderr.write(`wuyin report: no session '${id}' (run 'wuyin report' to list them)\n`); return 1; }
    const report = buildReport(loadRubric(), state);
    process.stdout.write(format === 'json' ? JSON.stringify({ session: id, ...report }, null, 2) + '\n' : reportMarkdown(report, state.locale));
    return 0;
  } finally {
    await store.close();
  }
}
