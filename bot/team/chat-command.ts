import type { Rubric } from '../../knowledge/types.js';
import * as M from '../messages.js';
import type { IncomingMessage, Reply } from '../types.js';
import { campaignCommand } from './commands.js';
import { titleOf } from '../report-text.js';
import { teamDocument } from './document.js';
import { renderTeamReplies } from './report.js';
import { campaignReport } from './service.js';
import type { CampaignStore } from './store.js';

/**
 * `campaign …` typed in a chat (Slack's `/wuyin campaign …`, or a DM): the consultant commands of
 * commands.ts with the sender as the viewer, so only a campaign's owners see its aggregate.
 */
export function isCampaignCommand(text: string): boolean {
  return /^\s*campaign(\s|$)/i.test(text);
}

export async function chatCampaignCommand(store: CampaignStore, rubric: Rubric, msg: IncomingMessage, now: Date): Promise<Reply[]> {
  const { positionals, flags } = parseFlags(tokenise(msg.text).slice(1));
  const ctx = { store, rubric, viewer: msg.userId, now };
  if (positionals[0] === 'report' && positionals[1] && !flags.has('json')) {
    const r = await campaignReport(store, rubric, positionals[1], msg.userId);
    if (r.ok) {
      // The chat summary, and the whole document as a file (Slack uploads it as PDF and HTML).
      const lang = flags.get('lang') === 'en' ? 'en' : 'zh';
      const doc = teamDocument(rubric, r.value, { date: now.toISOString().slice(0, 10) });
      const replies = renderTeamReplies(rubric, r.value, lang);
      const last = replies.pop()!;
      // In the summary's own reply: a platform that cannot carry the file shows the summary alone.
      return [...replies, M.reply(last.kind, [...last.blocks, { kind: 'document', title: titleOf(doc, lang), report: doc, locale: lang }])];
    }
  }
  const r = await campaignCommand(ctx, positionals, flags);
  const text = r.out.trimEnd();
  return [r.code === 0 ? M.reply('info', [{ kind: 'text', text: flags.has('json') ? '```\n' + text + '\n```' : text }]) : M.errorReply('en', { zh: text, en: text })];
}

/** Splits on spaces, keeping "quoted text" (ASCII or Chinese quotes) together. */
export function tokenise(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|'([^']*)'|(\S+)/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
  return out;
}

function parseFlags(tokens: string[]): { positionals: string[]; flags: Map<string, string | true> } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.startsWith('--')) { positionals.push(t); continue; }
    const [name, inline] = t.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (name === 'json' || i + 1 >= tokens.length || tokens[i + 1]!.startsWith('--')) flags.set(name, true);
    else flags.set(name, tokens[++i]!);
  }
  return { positionals, flags };
}
