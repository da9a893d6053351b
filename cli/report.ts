import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { buildReport } from '../bot/report.js';
import { reportMarkdown } from '../bot/report-render.js';
import { SessionStateSchema } from '../bot/session.js';
import { openConfiguredStore } from '../bot/store/open.js';
import type { Locale } from '../bot/types.js';
import { loadRubric } from '../knowledge/load.js';
import { flag, parseArgs } from './args.js';

const FORMATS = ['md', 'json', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `wuyin report <session> [--format md|json|html|pdf] [--out FILE] [--client NAME] [--respondent NAME]
 * [--wave W] [--lang zh|en]`: a stored conversation's report. `wuyin report` lists
 * the sessions, then the past assessments kept by restarts (`past:<n>`, readable the same way).
 * html and pdf are files: they need --out (pdf needs Chromium, see WUYIN_CHROMIUM).
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const format = (flag(args, 'format') ?? 'md') as Format;
  if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(', ')} (got ${format})`);
  const out = flag(args, 'out');
  if ((format === 'html' || format === 'pdf') && !out) return usage(`--format ${format} writes a file: add --out FILE`);
  const lang = flag(args, 'lang');
  if (lang !== undefined && lang !== 'zh' && lang !== 'en') return usage(`--lang must be zh or en (got ${lang})`);
  const config = loadConfig();
  const { store } = await openConfiguredStore(config);
  let state;
  const id = args.positionals[0];
  try {
    if (!id) {
      const list = (await store.listConversations()).filter((c) => c.hasState);
      const past = await store.pastAssessments();
      if (!list.length && !past.length) { process.stdout.write('no sessions yet\n'); return 0; }
      for (const c of list) process.stdout.write(`${c.conversationId}\t${c.platform}\t${c.userId}\t${c.updatedAt}\n`);
      for (const p of past) process.stdout.write(`past:${p.id}\t${p.conversationId}\t${p.userId}\t${p.archivedAt}\tpast assessment\n`);
      return 0;
    }
    const pastId = /^past:(\d+)$/.exec(id)?.[1];
    state = pastId
      ? (await store.pastAssessments(undefined, { schema: SessionStateSchema })).find((p) => p.id === Number(pastId))?.state
      : await store.getState(id, { schema: SessionStateSchema });
  } finally {
    await store.close();
  }
  if (!state) { process.stderr.write(`wuyin report: no session '${id}' (run 'wuyin report' to list them)\n`); return 1; }
  const loc: Locale = (lang as Locale | undefined) ?? state.locale;
  const respondent = flag(args, 'respondent');
  const report = buildReport(loadRubric(), state, {
    client: flag(args, 'client'), wave: flag(args, 'wave'),
    respondents: respondent ? [{ name: respondent }] : [],
    scorer: config.llmEnabled ? `llm:${config.WUYIN_LLM_MODEL}` : 'offline',
  });
  let body: string | Buffer;
  if (format === 'json') body = JSON.stringify({ session: id, locale: loc, ...report }, null, 2) + '\n';
  else if (format === 'md') body = reportMarkdown(report, loc);
  else {
    const { reportHtml } = await import('../report/html.js');
    const html = reportHtml(report, loc);
    if (format === 'html') body = html;
    else {
      const { htmlToPdf } = await import('../report/pdf.js');
      try {
        body = await htmlToPdf(html, config.WUYIN_CHROMIUM);
      } catch (err) {
        process.stderr.write(`wuyin report: cannot make the PDF: ${(err as Error).message}\n`);
        return 1;
      }
    }
  }
  if (!out) { process.stdout.write(body); return 0; }
  try {
    fs.writeFileSync(out, body);
  } catch (err) {
    process.stderr.write(`wuyin report: cannot write ${out}: ${(err as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`wrote ${out} (${format}, ${Buffer.byteLength(body)} bytes)\n`);
  return 0;
}

function usage(msg: string): number {
  process.stderr.write(`wuyin report: ${msg}\nUsage: wuyin report [<session>] [--format md|json|html|pdf] [--out FILE] [--client NAME] [--respondent NAME] [--wave W] [--lang zh|en]\n`);
  return 2;
}
