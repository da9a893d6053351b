import { indicatorOf } from '../../knowledge/load.js';
import type { IndicatorId, Level, Rubric } from '../../knowledge/types.js';
import { buildReport, type Recommendation, type RoadmapStep } from '../report.js';
import * as M from '../messages.js';
import type { SessionState } from '../session.js';
import type { Block, Locale, Reply } from '../types.js';
import type { Aggregate, Campaign, Comparison, Organisation } from './types.js';

/**
 * The team report of one campaign wave, self-contained so the report document model can take it
 * later: the JSON of `wuyin campaign report --json` (exactly the issue's shape), Markdown, and chat
 * blocks. The roadmap and matrix solutions reuse the one-person report over the team medians.
 */
export interface TeamReport {
  json: TeamReportJson;
  /** Indicators in the plan and how many have at least one answer. */
  coverage: { planned: number; measured: number };
  roadmap: RoadmapStep[];
  recommendations: Recommendation[];
  orgName: string;
  /** For the report document (bot/team/document.ts). */
  minGroup: number;
  elements: Campaign['plan']['elements'];
  previousWave?: number;
  /** The scorer versions behind the answers, when the caller knows them. */
  scorers?: string[];
}

type Num = number | null;
export interface TeamReportJson {
  campaign: { id: string; org: string; wave: number; previous?: string };
  respondents: { total: number; byRole: Record<string, number> };
  indicators: Record<string, {
    n: number; median: Num; mean: Num; sd: Num; histogram: number[]; min: Num; max: Num; disagreement: boolean;
    byRole: Record<string, { n: number; median: number }>;
  }>;
  pillars: Record<string, { score: Num; interval: [number, number] | null }>;
  overall: Num;
  hotspots: Array<{ indicator: string; median: number; sd: number; range: [number, number]; roles: Array<{ role: string; median: number }>; quotes: Array<{ role: string; level: number; text: string }> }>;
  comparison?: { previous: string; indicators: Record<string, { from: number; to: number; delta: number; exceedsSpread: boolean }>; pillars: Record<string, { from: number; to: number; delta: number; exceedsSpread: boolean }> };
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r2n = (x: number | null) => (x === null ? null : r2(x));

export function buildTeamReport(rubric: Rubric, found: { campaign: Campaign; org: Organisation }, agg: Aggregate, previous?: { campaign: Campaign; comparison: Comparison }): TeamReport {
  const { campaign: c, org } = found;
  const indicators: TeamReportJson['indicators'] = {};
  for (const [id, a] of Object.entries(agg.indicators)) {
    indicators[id] = { n: a.n, median: a.median, mean: r2n(a.mean), sd: r2n(a.sd), histogram: [...a.histogram], min: a.min, max: a.max, disagreement: a.disagreement, byRole: a.byRole };
  }
  const pillars: TeamReportJson['pillars'] = {};
  for (const [p, a] of Object.entries(agg.pillars)) pillars[p] = { score: r2n(a.score), interval: a.interval ? [r2(a.interval[0]), r2(a.interval[1])] : null };
  const json: TeamReportJson = {
    campaign: { id: c.id, org: org.name, wave: c.wave, ...(c.previousId ? { previous: c.previousId } : {}) },
    respondents: agg.respondents,
    indicators,
    pillars,
    overall: r2n(agg.overall),
    hotspots: agg.hotspots.map((h) => ({ ...h, sd: r2(h.sd) })),
  };
  if (previous) {
    const round = (m: Comparison['indicators']) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { from: r2(v.from), to: r2(v.to), delta: r2(v.delta), exceedsSpread: v.exceedsSpread }]));
    json.comparison = { previous: previous.campaign.id, indicators: round(previous.comparison.indicators), pillars: round(previous.comparison.pillars as Comparison['indicators']) };
  }
  // The one-person report over the team medians (rounded down: the roadmap starts where most are).
  const s: SessionState = { v: 1, phase: 'done', locale: 'zh', elements: c.plan.elements, queue: [], index: 0, answers: {}, skipped: [] };
  for (const [id, a] of Object.entries(agg.indicators)) {
    if (a.median === null) continue;
    const level = Math.max(1, Math.floor(a.median)) as Level;
    s.answers[id as IndicatorId] = { level, confidence: 1, via: 'digit', evidence: { answer: '', descriptor: indicatorOf(rubric, id as IndicatorId).levels[level - 1]!.text } };
  }
  const single = buildReport(rubric, s);
  const measured = Object.values(agg.indicators).filter((a) => a.n > 0).length;
  return { json, coverage: { planned: Object.keys(agg.indicators).length, measured }, roadmap: single.roadmap, recommendations: single.recommendations, orgName: org.name,
    minGroup: c.minGroup, elements: c.plan.elements, ...(previous ? { previousWave: previous.campaign.wave } : {}) };
}

function pillarLabel(rubric: Rubric, p: string): string {
  const x = rubric.pillars[Number(p) - 1]!;
  return `${x.note} ${x.name}`;
}

function bar(v: number | null): string {
  if (v === null) return '·····';
  const n = Math.round(v);
  return '█'.repeat(n) + '░'.repeat(5 - n);
}

const signed = (x: number) => (x > 0 ? `+${x}` : String(x));

/** The team report as neutral chat blocks (Slack renders them, DingTalk gets the text). */
export function renderTeamReplies(rubric: Rubric, t: TeamReport, loc: Locale = 'zh'): Reply[] {
  const j = t.json;
  const zh = loc === 'zh';
  const label = (p: string) => (zh ? pillarLabel(rubric, p) : `P${p} ${rubric.pillars[Number(p) - 1]!.nameEn}`);
  const ind = (id: string) => (zh ? indicatorOf(rubric, id as IndicatorId).name : indicatorOf(rubric, id as IndicatorId).nameEn);
  const list = (xs: string[]) => xs.join(zh ? '，' : ', ');
  const axes = Object.entries(j.pillars).map(([p, v]) => ({ label: label(p), value: v.score }));
  const blocks: Block[] = [
    { kind: 'heading', text: zh ? `${j.campaign.org} 团队评估（第${j.campaign.wave}轮）` : `${j.campaign.org} team assessment (wave ${j.campaign.wave})` },
    { kind: 'text', text: zh
      ? `${j.respondents.total}位受访者，${t.coverage.measured}/${t.coverage.planned}项指标有回答。总体 **${j.overall?.toFixed(2) ?? '—'}**`
      : `${j.respondents.total} respondents; ${t.coverage.measured} of ${t.coverage.planned} indicators answered. Overall **${j.overall?.toFixed(2) ?? '—'}**` },
    { kind: 'text', text: Object.entries(j.pillars).map(([p, v]) => `- ${label(p)} ${v.score?.toFixed(2) ?? '—'}${v.interval ? (zh ? `（90%：${v.interval[0].toFixed(2)}–${v.interval[1].toFixed(2)}）` : ` (90%: ${v.interval[0].toFixed(2)}–${v.interval[1].toFixed(2)})`) : ''}`).join('\n') },
    { kind: 'chart', chart: { type: 'radar', title: zh ? '团队中位数' : 'Team medians', max: 5, axes }, fallback: axes.map((a) => `${a.label.padEnd(zh ? 8 : 24)} ${bar(a.value)} ${a.value?.toFixed(1) ?? '—'}`).join('\n') },
  ];
  if (j.hotspots.length) {
    blocks.push({ kind: 'heading', text: zh ? '分歧热点' : 'Hot spots' });
    blocks.push({ kind: 'text', text: j.hotspots.map((h) => `- **${h.indicator} ${ind(h.indicator)}** ${zh ? `中位数${h.median}，${h.range[0]}–${h.range[1]}级` : `median ${h.median}, L${h.range[0]}–L${h.range[1]}`}`
      + `${h.roles.length ? (zh ? '：' : ': ') + list(h.roles.map((r) => `${r.role} ${r.median}`)) : ''}${h.quotes.map((q) => (zh ? `\n  · ${q.role}：「${M.brief(q.text, 60)}」` : `\n  · ${q.role}: “${M.brief(q.text, 60)}”`)).join('')}`).join('\n') });
  }
  if (t.roadmap.length) {
    blocks.push({ kind: 'heading', text: zh ? '路线图' : 'Roadmap' }, {
      kind: 'text', text: t.roadmap.map((r) => (zh ? `- ${r.indicator} ${r.name}：${r.from}→${r.to} ${M.brief(r.action, 50)}` : `- ${r.indicator} ${r.nameEn}: L${r.from}→L${r.to} ${M.brief(r.actionEn, 80)}`)).join('\n'),
    });
  }
  if (t.recommendations.length) {
    const names = t.recommendations.slice(0, 8).map((r) => (zh ? r.name : r.nameEn));
    blocks.push({ kind: 'text', text: zh ? `**方案**：${names.join('、')}` : `**Solutions**: ${names.join('; ')}` });
  }
  if (j.comparison) {
    blocks.push({ kind: 'heading', text: zh ? '与上一轮对比' : 'Change since the previous wave' });
    blocks.push({ kind: 'text', text: Object.entries(j.comparison.pillars).map(([p, v]) => `- ${label(p)} ${v.from} → ${v.to}${zh ? `（${signed(v.delta)}${v.exceedsSpread ? '，超出离散度' : ''}）` : ` (${signed(v.delta)}${v.exceedsSpread ? ', beyond the spread' : ''})`}`).join('\n') });
  }
  return [M.reply('report', blocks)];
}
