import { indicatorOf } from '../../knowledge/load.js';
import type { IndicatorId, Level, PillarId, Rubric } from '../../knowledge/types.js';
import { buildReport, type Report, type ReportSubject, type TeamView } from '../report.js';
import type { TeamReport } from './report.js';

/**
 * A campaign wave as a report document: the same `Report` model the one-person report uses (so
 * Markdown, HTML, PDF, the chat's document block and the charts read it unchanged), with the
 * team's view beside it. Levels that feed the roadmap and solutions are the team medians rounded
 * down (as in the team report); the pillar scores and overall are the aggregate's own, so the
 * document says what `campaign report --json` says.
 */
export interface TeamDocumentContext {
  /** ISO date (YYYY-MM-DD); default today (UTC). */
  date?: string;
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export function teamDocument(rubric: Rubric, t: TeamReport, ctx: TeamDocumentContext = {}): Report {
  const j = t.json;
  const answers: ReportSubject['answers'] = {};
  const queue = Object.keys(j.indicators) as IndicatorId[];
  for (const id of queue) {
    const a = j.indicators[id]!;
    if (a.median === null) continue;
    const level = Math.max(1, Math.floor(a.median)) as Level;
    answers[id] = { level, confidence: 1, via: 'digit', evidence: { answer: '', descriptor: '' } };
  }
  const report = buildReport(rubric, { answers, elements: t.elements, queue, skipped: [], complete: t.coverage.measured === t.coverage.planned }, {
    client: j.campaign.org,
    date: ctx.date,
    wave: String(j.campaign.wave),
    scorer: t.scorers?.length ? t.scorers.join(', ') : 'offline',
  });
  // The team's own pillar and overall scores (mean of medians), not the rounded-down levels'.
  for (const p of report.pillars) p.score = round1(j.pillars[String(p.id)]?.score ?? null);
  for (const a of report.chart.axes) a.value = round1(j.pillars[String(a.pillar)]?.score ?? null);
  report.overall = round1(j.overall);
  report.team = teamView(rubric, t);
  return report;
}

function named(rubric: Rubric, id: string) {
  const ind = indicatorOf(rubric, id as IndicatorId);
  return { id: id as IndicatorId, pillar: ind.pillar, name: ind.name, nameEn: ind.nameEn };
}

function teamView(rubric: Rubric, t: TeamReport): TeamView {
  const j = t.json;
  const shown = Object.values(j.respondents.byRole).reduce((a, b) => a + b, 0);
  const pillarName = (p: string) => ({ name: rubric.pillars[Number(p) - 1]!.name, nameEn: rubric.pillars[Number(p) - 1]!.nameEn });
  return {
    campaignId: j.campaign.id,
    wave: j.campaign.wave,
    minGroup: t.minGroup,
    respondents: { total: j.respondents.total, byRole: Object.entries(j.respondents.byRole).map(([role, n]) => ({ role, n })), folded: j.respondents.total - shown },
    coverage: t.coverage,
    indicators: Object.entries(j.indicators).map(([id, a]) => ({
      ...named(rubric, id), n: a.n, median: a.median, sd: a.sd, min: a.min, max: a.max,
      histogram: a.histogram as [number, number, number, number, number], disagreement: a.disagreement,
      byRole: Object.entries(a.byRole).map(([role, g]) => ({ role, n: g.n, median: g.median })),
    })),
    pillars: Object.entries(j.pillars).map(([p, v]) => ({ pillar: Number(p) as PillarId, score: v.score, interval: v.interval })),
    hotspots: j.hotspots.map((h) => ({
      ...named(rubric, h.indicator), median: h.median, range: h.range, roles: h.roles,
      quotes: h.quotes.map((q) => ({ role: q.role, level: q.level as Level, text: q.text })),
    })),
    ...(j.comparison ? {
      comparison: {
        previousId: j.comparison.previous,
        previousWave: t.previousWave ?? j.campaign.wave - 1,
        pillars: Object.entries(j.comparison.pillars).map(([p, v]) => ({ pillar: Number(p) as PillarId, ...pillarName(p), ...v })),
        indicators: Object.entries(j.comparison.indicators).map(([id, v]) => {
          const { name, nameEn } = named(rubric, id);
          return { id: id as IndicatorId, name, nameEn, ...v };
        }),
      },
    } : {}),
  };
}
