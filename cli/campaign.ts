import { loadConfig, secretValues } from '../config.js';
import { loadRubric } from '../knowledge/load.js';
import { configureLog } from '../log.js';
import fs from 'node:fs';
import { campaignCommand, campaignDocument, type CommandContext } from '../bot/team/commands.js';
import { openConfiguredCampaignStore } from '../bot/team/open.js';
import { parseArgs } from './args.js';

/**
 * `wuyin campaign …`: team assessments for consultants (bot/team/commands.ts). The CLI runs as
 * the local operator, who holds the data dir; `--as ID` checks ownership as that user would see it.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const config = loadConfig();
  configureLog({ level: config.WUYIN_LOG_LEVEL, secrets: secretValues(config) });
  const store = await openConfiguredCampaignStore(config);
  try {
    const as = args.flags.get('as');
    const ctx: CommandContext = { store, rubric: loadRubric(), viewer: typeof as === 'string' ? as : undefined, now: new Date() };
    const format = args.flags.get('format');
    const out = args.flags.get('out');
    if (args.positionals[0] === 'report' && (format === 'pdf' || typeof out === 'string')) return await documentFile(ctx, args.positionals[1], format, out, config.WUYIN_CHROMIUM, args.flags.get('lang'));
    const r = await campaignCommand(ctx, args.positionals, args.flags);
    (r.code === 0 ? process.stdout : process.stderr).write(r.out);
    return r.code;
  } finally {
    await store.close();
  }
}

/** `campaign report ID --format md|html|pdf --out FILE`: the campaign's report document as a file. */
async function documentFile(ctx: CommandContext, id: string | undefined, format: unknown, out: unknown, chromium: string, lang: unknown): Promise<number> {
  const fail = (msg: string, code = 2) => { process.stderr.write(`wuyin campaign report: ${msg}\n`); return code; };
  const fmt = typeof format === 'string' ? format : 'md';
  if (!id) return fail('which campaign?');
  if (!['md', 'html', 'pdf'].includes(fmt)) return fail('--format md|html|pdf with --out FILE');
  if (typeof out !== 'string') return fail(`--format ${fmt} writes a file: add --out FILE`);
  const loc = lang === 'en' ? 'en' : 'zh';
  const doc = await campaignDocument(ctx, id);
  if (!doc) return fail('no campaign with that id that you own', 1);
  let body: string | Buffer;
  if (fmt === 'md') body = (await import('../bot/report-render.js')).reportMarkdown(doc, loc);
  else {
    const html = (await import('../report/html.js')).reportHtml(doc, loc);
    if (fmt === 'html') body = html;
    else {
      try {
        body = await (await import('../report/pdf.js')).htmlToPdf(html, chromium);
      } catch (err) {
        return fail(`no PDF: ${(err as Error).message}`, 1);
      }
    }
  }
  try {
    fs.writeFileSync(out, body);
  } catch (err) {
    return fail(`cannot write ${out}: ${(err as Error).message}`, 1);
  }
  process.stderr.write(`wrote ${out} (${fmt}, ${Buffer.byteLength(body)} bytes)\n`);
  return 0;
}
