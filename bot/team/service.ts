import type { IndicatorId, Level, Rubric } from '../../knowledge/types.js';
import { planQueue } from '../session.js';
import { aggregate, compare } from './aggregate.js';
import { buildTeamReport, type TeamReport } from './report.js';
import { latestAnswers, type CampaignStore } from './store.js';
import { OTHER_ROLE, type Aggregate, type Campaign, type Organisation, type RespondentLevels } from './types.js';

/**
 * What consultants ask of a campaign, over the campaign store: the aggregate (overrides applied),
 * the team report with the previous wave's comparison, the status and the export. Access is
 * checked here, once: only a campaign's owners see aggregates and evidence.
 */

export function planIndicators(c: Campaign): IndicatorId[] {
  return planQueue(c.plan.mode, c.plan.pillar);
}

export function isOwner(c: Campaign, viewer: string | undefined): boolean {
  // undefined: the local operator of the CLI, who holds the data dir anyway.
  return viewer === undefined || c.owners.includes(viewer);
}

/** The respondents' effective levels: the newest answer per indicator, or the newest override of it. */
export async function teamInputs(store: CampaignStore, c: Campaign): Promise<RespondentLevels[]> {
  const [respondents, records, overrides] = await Promise.all([store.respondents(c.id), store.answers(c.id), store.overrides(c.id)]);
  const latest = latestAnswers(records);
  const over = new Map<string, Level>();
  for (const o of overrides) over.set(`${o.userId}\u0000${o.indicator}`, o.level); // oldest first: the newest wins
  return respondents.map((r) => {
    const levels: RespondentLevels['levels'] = {};
    const quotes: NonNullable<RespondentLevels['quotes']> = {};
    for (const [id, a] of latest.get(r.userId) ?? []) {
      levels[id] = over.get(`${r.userId}\u0000${id}`) ?? a.level;
      if (!/^\d$/.test(a.evidence.answer.trim())) quotes[id] = a.evidence.answer;
    }
    return { key: r.userId, role: r.role, levels, quotes };
  });
}

export async function campaignAggregate(store: CampaignStore, c: Campaign): Promise<Aggregate> {
  return aggregate(await teamInputs(store, c), { indicators: planIndicators(c), minGroup: c.minGroup });
}

export type Access<T> = { ok: true; value: T } | { ok: false };

export async function campaignReport(store: CampaignStore, rubric: Rubric, id: string, viewer?: string): Promise<Access<TeamReport>> {
  const found = await store.campaign(id);
  // Unknown and not-yours answer alike, so a refusal does not reveal that a campaign exists.
  if (!found || !isOwner(found.campaign, viewer)) return { ok: false };
  const agg = await campaignAggregate(store, found.campaign);
  let previous: Parameters<typeof buildTeamReport>[3];
  if (found.campaign.previousId) {
    const prev = await store.campaign(found.campaign.previousId);
    if (prev) {
      const prevAgg = await campaignAggregate(store, prev.campaign);
      previous = { campaign: prev.campaign, comparison: compare(prevAgg, agg) };
    }
  }
  const scorers = [...new Set((await store.answers(found.campaign.id)).map((a) => a.scorerVersion))].sort();
  return { ok: true, value: { ...buildTeamReport(rubric, found, agg, previous), scorers } };
}

export interface CampaignStatus {
  id: string; org: string; sector?: string; wave: number; previous?: string; status: Campaign['status'];
  codes: Array<{ code: string; expiresAt: string; revoked: boolean }>;
  respondents: number; complete: number;
  /** Roles below k fold into 其他, so the status never points at one person. */
  byRole: Record<string, { joined: number; complete: number }>;
  questions: number;
}

export async function campaignStatus(store: CampaignStore, id: string, viewer?: string): Promise<Access<CampaignStatus>> {
  const found = await store.campaign(id);
  if (!found || !isOwner(found.campaign, viewer)) return { ok: false };
  const { campaign: c, org } = found;
  const ids = planIndicators(c);
  const latest = latestAnswers(await store.answers(c.id));
  const rs = await store.respondents(c.id);
  const counts = new Map<string, number>();
  for (const r of rs) counts.set(r.role, (counts.get(r.role) ?? 0) + 1);
  const byRole: CampaignStatus['byRole'] = {};
  let complete = 0;
  for (const r of rs) {
    const role = (counts.get(r.role) ?? 0) >= c.minGroup ? r.role : OTHER_ROLE;
    const done = ids.every((i) => latest.get(r.userId)?.has(i));
    const g = (byRole[role] ??= { joined: 0, complete: 0 });
    g.joined++;
    if (done) { g.complete++; complete++; }
  }
  return {
    ok: true,
    value: {
      id: c.id, org: org.name, ...(org.sector ? { sector: org.sector } : {}), wave: c.wave, ...(c.previousId ? { previous: c.previousId } : {}),
      status: c.status, codes: (await store.codesOf(c.id)).map((k) => ({ code: k.code, expiresAt: k.expiresAt, revoked: !!k.revokedAt })),
      respondents: rs.length, complete, byRole, questions: ids.length,
    },
  };
}

/** Every answer record with its override beside it; respondents as R01, R02 … (never their ids). */
export async function campaignExport(store: CampaignStore, id: string, viewer?: string): Promise<Access<Array<Record<string, string | number>>>> {
  const found = await store.campaign(id);
  if (!found || !isOwner(found.campaign, viewer)) return { ok: false };
  const { campaign: c } = found;
  const rs = await store.respondents(c.id);
  const alias = new Map(rs.map((r, i) => [r.userId, { name: `R${String(i + 1).padStart(2, '0')}`, role: r.role }]));
  const overrides = await store.overrides(c.id);
  const rows: Array<Record<string, string | number>> = [];
  for (const a of await store.answers(c.id)) {
    const who = alias.get(a.userId);
    if (!who) continue;
    const o = overrides.filter((x) => x.userId === a.userId && x.indicator === a.indicator).at(-1);
    rows.push({
      campaign: c.id, wave: c.wave, respondent: who.name, role: who.role, indicator: a.indicator, level: a.level, via: a.via,
      proposed: a.proposedLevel ?? '', confidence: Math.round(a.confidence * 1000) / 1000, answer: a.evidence.answer,
      scorer: a.scorerVersion, rubric: a.rubricHash.slice(0, 12), recorded: a.recordedAt, withdrawn: a.withdrawn ? 'yes' : '',
      override: o?.level ?? '', override_by: o?.by ?? '', override_reason: o?.reason ?? '', override_at: o?.at ?? '',
    });
  }
  return { ok: true, value: rows };
}

export function toCsv(rows: Array<Record<string, string | number>>): string {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]!);
  // Quoted always; a leading = + - @ is defused so a spreadsheet never runs a respondent's words.
  const cell = (v: string | number) => {
    const s = String(v);
    return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c] ?? '')).join(','))].join('\n') + '\n';
}

export type { Organisation };
