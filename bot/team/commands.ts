import { resolveElement } from '../../knowledge/load.js';
import type { ElementId, IndicatorId, PillarId, Rubric } from '../../knowledge/types.js';
import { isIndicatorId } from '../../knowledge/load.js';
import { CODE_TTL_DAYS, newJoinCode } from './codes.js';
import { invitation } from './invitation.js';
import { reportMarkdown } from '../report-render.js';
import type { Report } from '../report.js';
import { teamDocument } from './document.js';
import { campaignExport, campaignReport, campaignStatus, isOwner, planIndicators, toCsv } from './service.js';
import type { CampaignStore } from './store.js';
import { DEFAULT_MIN_GROUP, PlanSchema, type Plan } from './types.js';

/**
 * `campaign create|list|status|close|wave|export|report|override|revoke`, shared by the CLI and Slack's
 * `/wuyin campaign …`: both parse flags into argv and print `out`. The viewer is the platform user
 * (Slack), or undefined for the CLI's local operator; every read of a campaign checks ownership.
 */
export interface CommandContext {
  store: CampaignStore;
  rubric: Rubric;
  viewer?: string;
  now: Date;
}
export interface CommandResult { code: number; out: string }

export const CAMPAIGN_USAGE = `usage:
  campaign create --org NAME [--sector S] [--mode quick|standard|focus] [--pillar N] [--elements 零售,物流]
                  [--roles "IT,门店运营,供应链"] [--min-group 3] [--owner ID] [--json]
  campaign list [--json] | status ID [--json] | close ID [--json] | wave ID [--json]
  campaign export ID --format csv|json | report ID [--json | --format md|json|html|pdf --out FILE] [--lang zh|en]
  campaign override ID --respondent R01 --indicator 1.1 --level 4 --reason "…"
  campaign revoke CODE`;

const REFUSED: CommandResult = { code: 1, out: 'no campaign with that id that you own\n' };
const bad = (msg: string): CommandResult => ({ code: 2, out: `${msg}\n${CAMPAIGN_USAGE}\n` });

export async function campaignCommand(ctx: CommandContext, argv: string[], flags: Map<string, string | true>): Promise<CommandResult> {
  const [sub, id] = argv;
  const f = (n: string) => { const v = flags.get(n); return typeof v === 'string' ? v : undefined; };
  const json = flags.has('json');
  const at = ctx.now.toISOString();
  const expires = new Date(ctx.now.getTime() + CODE_TTL_DAYS * 86_400_000).toISOString();
  const print = (value: unknown, text: string): CommandResult => ({ code: 0, out: json ? JSON.stringify(value, null, 2) + '\n' : text });
  switch (sub) {
    case 'create': {
      const org = f('org')?.trim();
      if (!org) return bad('campaign create: --org NAME is required');
      const plan = parsePlan(ctx.rubric, f);
      if (typeof plan === 'string') return bad(plan);
      const roles = (f('roles') ?? 'IT,业务,管理层').split(/[,，]/).map((r) => r.trim()).filter(Boolean);
      if (!roles.length || new Set(roles).size !== roles.length) return bad('campaign create: --roles needs distinct names');
      const k = Number(f('min-group') ?? DEFAULT_MIN_GROUP);
      if (!Number.isInteger(k) || k < 1 || k > 50) return bad('campaign create: --min-group must be 1–50');
      const owner = f('owner') ?? ctx.viewer ?? 'cli';
      const made = await ctx.store.createCampaign({ org: { name: org, sector: f('sector') }, plan, roles, minGroup: k, owners: [owner], code: newJoinCode(), codeExpiresAt: expires, at });
      const inv = invitation(made.org.name, made.campaign, made.code);
      const value = { id: made.campaign.id, code: made.code.code, org: made.org.name, wave: made.campaign.wave, plan: made.campaign.plan, invitation: inv };
      return print(value, `campaign ${value.id} (wave 1), code ${value.code}\n\n${inv}\n`);
    }
    case 'list': {
      const all = await ctx.store.listCampaigns(ctx.viewer);
      const value = all.map(({ campaign: c, org }) => ({ id: c.id, org: org.name, wave: c.wave, status: c.status, previous: c.previousId, createdAt: c.createdAt }));
      return print(value, value.length ? value.map((c) => `${c.id}  ${c.org}  wave ${c.wave}  ${c.status}`).join('\n') + '\n' : 'no campaigns\n');
    }
    case 'status': {
      if (!id) return bad('campaign status: which campaign?');
      const s = await campaignStatus(ctx.store, id, ctx.viewer);
      if (!s.ok) return REFUSED;
      const v = s.value;
      const roles = Object.entries(v.byRole).map(([r, g]) => `  ${r}: ${g.complete}/${g.joined} done`).join('\n');
      return print(v, `${v.org} wave ${v.wave} (${v.status}): ${v.respondents} respondents, ${v.complete} done, ${v.questions} questions\n${roles}\ncodes: ${v.codes.map((c) => `${c.code}${c.revoked ? ' (revoked)' : ''}`).join(', ')}\n`);
    }
    case 'close': {
      if (!id) return bad('campaign close: which campaign?');
      const found = await ctx.store.campaign(id);
      if (!found || !isOwner(found.campaign, ctx.viewer)) return REFUSED;
      const closed = await ctx.store.closeCampaign(id, at);
      return print({ id, status: 'closed', changed: closed }, closed ? `closed ${id}\n` : `${id} was already closed\n`);
    }
    case 'wave': {
      if (!id) return bad('campaign wave: which campaign?');
      const found = await ctx.store.campaign(id);
      if (!found || !isOwner(found.campaign, ctx.viewer)) return REFUSED;
      const made = await ctx.store.createWave(id, newJoinCode(), expires, at);
      const value = { id: made.campaign.id, code: made.code.code, wave: made.campaign.wave, previous: id, invitation: invitation(made.org.name, made.campaign, made.code) };
      return print(value, `wave ${value.wave}: ${value.id}, code ${value.code} (previous ${id}, now closed)\n\n${value.invitation}\n`);
    }
    case 'export': {
      if (!id) return bad('campaign export: which campaign?');
      const format = f('format') ?? 'csv';
      if (format !== 'csv' && format !== 'json') return bad('campaign export: --format csv|json');
      const rows = await campaignExport(ctx.store, id, ctx.viewer);
      if (!rows.ok) return REFUSED;
      return { code: 0, out: format === 'csv' ? toCsv(rows.value) : JSON.stringify(rows.value, null, 2) + '\n' };
    }
    case 'report': {
      if (!id) return bad('campaign report: which campaign?');
      const format = f('format') ?? (json ? 'json' : 'md');
      // A PDF is bytes: the CLI prints it (cli/campaign.ts); chat gets the document block instead.
      if (!['md', 'json', 'html'].includes(format)) return bad('campaign report: --format md|json|html (pdf: wuyin campaign report ID --format pdf --out FILE)');
      const lang = f('lang') ?? 'zh';
      if (lang !== 'zh' && lang !== 'en') return bad('campaign report: --lang zh|en');
      const r = await campaignReport(ctx.store, ctx.rubric, id, ctx.viewer);
      if (!r.ok) return REFUSED;
      if (format === 'json') return { code: 0, out: JSON.stringify(r.value.json, null, 2) + '\n' };
      const doc = teamDocument(ctx.rubric, r.value, { date: at.slice(0, 10) });
      if (format === 'html') return { code: 0, out: (await import('../../report/html.js')).reportHtml(doc, lang) };
      return { code: 0, out: reportMarkdown(doc, lang) };
    }
    case 'override': {
      if (!id) return bad('campaign override: which campaign?');
      const found = await ctx.store.campaign(id);
      if (!found || !isOwner(found.campaign, ctx.viewer)) return REFUSED;
      const ind = f('indicator');
      const level = Number(f('level'));
      const reason = f('reason')?.trim();
      if (!ind || !isIndicatorId(ind) || !planIndicators(found.campaign).includes(ind as IndicatorId)) return bad('campaign override: --indicator must be one of the plan\'s indicators');
      if (![1, 2, 3, 4, 5].includes(level)) return bad('campaign override: --level 1–5');
      if (!reason) return bad('campaign override: --reason is required (it is kept beside the original)');
      const rows = await campaignExport(ctx.store, id, ctx.viewer);
      const alias = f('respondent');
      const respondents = await ctx.store.respondents(id);
      const idx = alias && /^R\d+$/i.test(alias) ? Number(alias.slice(1)) - 1 : -1;
      const who = respondents[idx];
      if (!who || !rows.ok || !rows.value.some((r) => r.respondent === alias!.toUpperCase() && r.indicator === ind)) return bad('campaign override: --respondent R01 … with an answer to that indicator (see campaign export)');
      await ctx.store.addOverride({ campaignId: id, userId: who.userId, indicator: ind as IndicatorId, level: level as 1, by: ctx.viewer ?? 'cli', reason, at });
      return print({ id, respondent: alias!.toUpperCase(), indicator: ind, level }, `override recorded: ${alias!.toUpperCase()} ${ind} → ${level}\n`);
    }
    case 'revoke': {
      if (!id) return bad('campaign revoke: which code?');
      const all = await ctx.store.listCampaigns(ctx.viewer);
      for (const { campaign } of all) {
        if ((await ctx.store.codesOf(campaign.id)).some((c) => c.code === id.toUpperCase())) {
          await ctx.store.revokeCode(id.toUpperCase(), at);
          return print({ code: id.toUpperCase(), revoked: true }, `revoked ${id.toUpperCase()}\n`);
        }
      }
      return REFUSED;
    }
    default:
      return bad(sub ? `unknown campaign command '${sub}'` : 'campaign: which command?');
  }
}

function parsePlan(rubric: Rubric, f: (n: string) => string | undefined): Plan | string {
  const mode = f('mode') ?? (f('pillar') ? 'focus' : 'quick');
  if (!['quick', 'standard', 'focus'].includes(mode)) return `--mode must be quick, standard or focus (got ${mode})`;
  const p = f('pillar');
  const pillar = p === undefined ? undefined : Number(p);
  if (pillar !== undefined && !(Number.isInteger(pillar) && pillar >= 1 && pillar <= 5)) return `--pillar must be 1–5 (got ${p})`;
  const elements: ElementId[] = [];
  for (const e of (f('elements') ?? '').split(/[,，\s]+/).filter(Boolean)) {
    const el = resolveElement(rubric, e);
    if (!el) return `--elements: unknown business element '${e}'`;
    elements.push(el);
  }
  return PlanSchema.parse({ mode, ...(mode === 'focus' ? { pillar: (pillar ?? 1) as PillarId } : {}), elements });
}

/** A campaign wave as a report document, for the owners only (unknown and not-yours alike: undefined). */
export async function campaignDocument(ctx: CommandContext, id: string): Promise<Report | undefined> {
  const r = await campaignReport(ctx.store, ctx.rubric, id, ctx.viewer);
  return r.ok ? teamDocument(ctx.rubric, r.value, { date: ctx.now.toISOString().slice(0, 10) }) : undefined;
}
