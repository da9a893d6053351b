import { indicatorOf } from '../../knowledge/load.js';
import type { IndicatorId, Level, Rubric } from '../../knowledge/types.js';
import { buildReport, type Recommendation, type RoadmapStep } from '../report.js';
import * as M from '../messages.js';
import type { SessionState } from '../session.js';
import type { Block, Reply } from '../types.js';
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
  return { json, coverage: { planned: Object.keys(agg.indicators).length, measured }, roadmap: single.roadmap, recommendations: single.recommendations, orgName: org.name };
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

export function renderTeamMarkdown(rubric: Rubric, t: TeamReport): string {
  const j = t.json;
  const out: string[] = [];
  out.push(`# ${j.campaign.org} 团队数智化成熟度评估（第${j.campaign.wave}轮）`, '');
  out.push(`**覆盖**：${j.respondents.total}位受访者；${t.coverage.measured}/${t.coverage.planned}项指标有回答。`);
  const roles = Object.entries(j.respondents.byRole).map(([r, n]) => `${r} ${n}`).join('，');
  if (roles) out.push(`按角色（不少于最小组规模的角色）：${roles}`);
  out.push('', `**总体得分**：${j.overall?.toFixed(2) ?? '—'}（各维度得分的平均；维度得分 = 该维度各指标中位数的平均）`, '');
  out.push('## 各维度（90% 区间，对受访者自助抽样）', '', '| 维度 | 得分 | 区间 | |', '|---|---|---|---|');
  for (const [p, v] of Object.entries(j.pillars)) {
    out.push(`| ${pillarLabel(rubric, p)} | ${v.score?.toFixed(2) ?? '—'} | ${v.interval ? `${v.interval[0].toFixed(2)}–${v.interval[1].toFixed(2)}` : '—'} | ${bar(v.score)} |`);
  }
  out.push('', '## 各指标', '', '| 指标 | n | 中位数 | 均值 | 标准差 | 1–5级人数 | 分歧 | 按角色中位数 |', '|---|---|---|---|---|---|---|---|');
  for (const [id, a] of Object.entries(j.indicators)) {
    const name = indicatorOf(rubric, id as IndicatorId).name;
    const byRole = Object.entries(a.byRole).map(([r, g]) => `${r} ${g.median}`).join('，');
    out.push(`| ${id} ${name} | ${a.n} | ${a.median ?? '—'} | ${a.mean ?? '—'} | ${a.sd ?? '—'} | ${a.histogram.join('/')} | ${a.disagreement ? '⚠' : ''} | ${byRole} |`);
  }
  out.push('', '## 分歧热点（成熟度低 × 分歧大）', '');
  if (!j.hotspots.length) out.push('没有明显的分歧热点。');
  for (const h of j.hotspots) {
    const roles2 = h.roles.map((r) => `${r.role} ${r.median}`).join('，');
    out.push(`- **${h.indicator} ${indicatorOf(rubric, h.indicator as IndicatorId).name}**：中位数 ${h.median}，范围 ${h.range[0]}–${h.range[1]}${roles2 ? `；${roles2}` : ''}`);
    for (const q of h.quotes) out.push(`  - ${q.role}（${q.level}级）：「${M.brief(q.text, 80)}」`);
  }
  if (t.roadmap.length) {
    out.push('', '## 路线图（按团队中位数）', '');
    for (const r of t.roadmap) out.push(`- ${r.indicator} ${r.name}：${r.from} → ${r.to}（${r.toLabel}）${r.action}  [${r.citation.section}]`);
  }
  if (t.recommendations.length) {
    out.push('', '## 解决方案矩阵', '');
    for (const r of t.recommendations) out.push(`- ${r.name}  [${r.citation.section}]`);
  }
  if (j.comparison) {
    out.push('', `## 与上一轮对比（${j.comparison.previous}）`, '', '| | 上一轮 | 本轮 | 变化 | 超出离散度 |', '|---|---|---|---|---|');
    for (const [p, v] of Object.entries(j.comparison.pillars)) out.push(`| ${pillarLabel(rubric, p)} | ${v.from} | ${v.to} | ${signed(v.delta)} | ${v.exceedsSpread ? '是' : '否'} |`);
    for (const [id, v] of Object.entries(j.comparison.indicators)) out.push(`| ${id} | ${v.from} | ${v.to} | ${signed(v.delta)} | ${v.exceedsSpread ? '是' : '否'} |`);
  }
  return out.join('\n') + '\n';
}

const signed = (x: number) => (x > 0 ? `+${x}` : String(x));

/** The team report as neutral chat blocks (Slack renders them, DingTalk gets the text). */
export function renderTeamReplies(rubric: Rubric, t: TeamReport): Reply[] {
  const j = t.json;
  const axes = Object.entries(j.pillars).map(([p, v]) => ({ label: pillarLabel(rubric, p), value: v.score }));
  const blocks: Block[] = [
    { kind: 'heading', text: `${j.campaign.org} 团队评估（第${j.campaign.wave}轮）` },
    { kind: 'text', text: `${j.respondents.total}位受访者，${t.coverage.measured}/${t.coverage.planned}项指标有回答。总体 **${j.overall?.toFixed(2) ?? '—'}**` },
    { kind: 'text', text: Object.entries(j.pillars).map(([p, v]) => `- ${pillarLabel(rubric, p)} ${v.score?.toFixed(2) ?? '—'}${v.interval ? `（90%：${v.interval[0].toFixed(2)}–${v.interval[1].toFixed(2)}）` : ''}`).join('\n') },
    { kind: 'chart', chart: { type: 'radar', title: '团队中位数', max: 5, axes }, fallback: axes.map((a) => `${a.label.padEnd(8)} ${bar(a.value)} ${a.value?.toFixed(1) ?? '—'}`).join('\n') },
  ];
  if (j.hotspots.length) {
    blocks.push({ kind: 'heading', text: '分歧热点' });
    blocks.push({ kind: 'text', text: j.hotspots.map((h) => `- **${h.indicator} ${indicatorOf(rubric, h.indicator as IndicatorId).name}** 中位数${h.median}，${h.range[0]}–${h.range[1]}级${h.roles.length ? '：' + h.roles.map((r) => `${r.role} ${r.median}`).join('，') : ''}${h.quotes.map((q) => `\n  · ${q.role}：「${M.brief(q.text, 60)}」`).join('')}`).join('\n') });
  }
  if (t.roadmap.length) blocks.push({ kind: 'heading', text: '路线图' }, { kind: 'text', text: t.roadmap.map((r) => `- ${r.indicator} ${r.name}：${r.from}→${r.to} ${M.brief(r.action, 50)}`).join('\n') });
  if (t.recommendations.length) blocks.push({ kind: 'text', text: `**方案**：${t.recommendations.slice(0, 8).map((r) => r.name).join('、')}` });
  if (j.comparison) {
    blocks.push({ kind: 'heading', text: '与上一轮对比' });
    blocks.push({ kind: 'text', text: Object.entries(j.comparison.pillars).map(([p, v]) => `- ${pillarLabel(rubric, p)} ${v.from} → ${v.to}（${signed(v.delta)}${v.exceedsSpread ? '，超出离散度' : ''}）`).join('\n') });
  }
  return [M.reply('report', blocks)];
}

