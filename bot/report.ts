import { allIndicators, indicatorOf } from '../knowledge/load.js';
import type { ElementId, IndicatorId, Level, PillarId, Rubric } from '../knowledge/types.js';
import type { Answer, SessionState } from './session.js';
import type { Citation } from './types.js';

/**
 * The assessment report as data: scores, evidence, chart, strengths and gaps, roadmap,
 * solutions, bottlenecks and cases, each item carrying the whitepaper passage it rests on.
 * Rendering (chat blocks, Markdown) lives in report-render.ts.
 */
export interface IndicatorResult {
  id: IndicatorId; name: string; nameEn: string;
  level: Level; label: string; labelEn: string; confidence: number;
  evidence: { answer: string; descriptor: string };
  citation: Citation;
}
export interface PillarResult {
  id: PillarId; name: string; nameEn: string; note: string;
  /** Mean of the answered indicators; null when none was answered. */
  score: number | null;
  indicators: IndicatorResult[];
}
export interface RoadmapStep {
  indicator: IndicatorId; name: string; nameEn: string; from: Level; to: Level; toLabel: string; toLabelEn: string; action: string; citation: Citation;
}
export interface Recommendation { pillar: PillarId; element: ElementId | 'all'; name: string; citation: Citation }
export interface Report {
  complete: boolean;
  overall: number | null;
  answered: number;
  total: number;
  pillars: PillarResult[];
  skipped: Array<{ id: IndicatorId; name: string }>;
  unanswered: Array<{ id: IndicatorId; name: string }>;
  chart: { max: 5; axes: Array<{ label: string; labelEn: string; value: number | null }> };
  strengths: IndicatorResult[];
  gaps: IndicatorResult[];
  roadmap: RoadmapStep[];
  recommendations: Recommendation[];
  elements: Array<{ id: ElementId; name: string; nameEn: string; bottlenecks: Array<{ title: string; text: string; citation: Citation }>; directions: Array<{ capability: string; pillars: PillarId[] }>; directionsCitation?: Citation }>;
  cases: Array<{ id: number; title: string; citation: Citation }>;
}

const ROADMAP_STEPS = 5;
const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function indicatorResult(rubric: Rubric, id: IndicatorId, a: Answer): IndicatorResult {
  const ind = indicatorOf(rubric, id);
  const l = ind.levels[a.level - 1]!;
  const p = rubric.pillars[ind.pillar - 1]!;
  return {
    id, name: ind.name, nameEn: ind.nameEn, level: a.level, label: l.label, labelEn: l.labelEn,
    confidence: a.confidence, evidence: a.evidence,
    citation: { id: `lvl:${id}:${a.level}`, section: `${p.name} › ${id} ${ind.name} › ${a.level}级 ${l.label}` },
  };
}

export function buildReport(rubric: Rubric, s: SessionState): Report {
  const pillars: PillarResult[] = rubric.pillars.map((p) => {
    const indicators = p.indicators.filter((i) => s.answers[i.id]).map((i) => indicatorResult(rubric, i.id, s.answers[i.id]!));
    const score = mean(indicators.map((i) => i.level));
    return { id: p.id, name: p.name, nameEn: p.nameEn, note: p.note, score: score === null ? null : round1(score), indicators };
  });
  const scored = pillars.filter((p) => p.score !== null);
  const overall = mean(scored.map((p) => p.score!));
  const results = pillars.flatMap((p) => p.indicators);
  const name = (id: IndicatorId) => ({ id, name: indicatorOf(rubric, id).name });
  const inQueue = new Set(s.queue);
  const unanswered = s.queue.filter((id) => !s.answers[id] && !s.skipped.includes(id)).map(name);

  // Strengths: the highest levels reached (4+ first); gaps: the lowest, foundations first on ties.
  const byLevelDesc = [...results].sort((a, b) => b.level - a.level || a.id.localeCompare(b.id));
  const byLevelAsc = [...results].sort((a, b) => a.level - b.level || a.id.localeCompare(b.id));
  const strengths = byLevelDesc.filter((r) => r.level >= 4).slice(0, 3);
  const strengthsOrTop = strengths.length ? strengths : byLevelDesc.filter((r) => r.level >= 3).slice(0, 2);
  const gaps = byLevelAsc.filter((r) => r.level <= 2).slice(0, 3);
  const gapsOrBottom = gaps.length ? gaps : byLevelAsc.filter((r) => r.level < 5).slice(0, 2);

  // Roadmap: the weakest indicators' next level, ordered foundations (pillar 1) first, because the
  // upper layers (data, intelligence) depend on the infrastructure and touchpoints below them.
  const roadmap: RoadmapStep[] = byLevelAsc.filter((r) => r.level < 5).slice(0, ROADMAP_STEPS)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => {
      const ind = indicatorOf(rubric, r.id);
      const next = (r.level + 1) as Level;
      const l = ind.levels[next - 1]!;
      const p = rubric.pillars[ind.pillar - 1]!;
      return { indicator: r.id, name: ind.name, nameEn: ind.nameEn, from: r.level, to: next, toLabel: l.label, toLabelEn: l.labelEn, action: l.text, citation: { id: `lvl:${r.id}:${next}`, section: `${p.name} › ${r.id} ${ind.name} › ${next}级 ${l.label}` } };
    });

  // Solutions: matrix cells at the weak pillars × the focus elements (all elements when none chosen).
  const focus: ElementId[] = s.elements.length ? s.elements : rubric.elements.map((e) => e.id);
  const weakPillars = weakestPillars(pillars);
  const recommendations: Recommendation[] = [];
  for (const p of weakPillars) {
    const pname = rubric.pillars[p - 1]!.name;
    if (p === 1) {
      for (const n of rubric.crossElement.names) recommendations.push({ pillar: 1, element: 'all', name: n, citation: { id: 'sol:1:all', section: `解决方案矩阵 › ${pname}（全要素）` } });
    }
    for (const e of focus) {
      const ename = rubric.elements.find((x) => x.id === e)!.name;
      for (const sol of rubric.solutions.filter((x) => x.pillar === p && x.element === e)) {
        recommendations.push({ pillar: p, element: e, name: sol.name, citation: { id: `sol:${p}:${e}`, section: `解决方案矩阵 › ${pname} × ${ename}` } });
      }
    }
  }

  // Bottlenecks and directions only for elements the person chose, not for the all-elements default.
  const elements = s.elements.map((id) => {
    const e = rubric.elements.find((x) => x.id === id)!;
    return {
      id, name: e.name, nameEn: e.nameEn,
      bottlenecks: e.bottlenecks.map((b, k) => ({ ...b, citation: { id: `bn:${id}:${k + 1}`, section: `${e.title} › 目前遇到的瓶颈 › ${b.title}` } })),
      directions: e.directions,
      ...(e.directions.length ? { directionsCitation: { id: `dir:${id}`, section: `${e.title} › 数智能力提升方向` } } : {}),
    };
  });

  return {
    complete: s.phase === 'done',
    overall: overall === null ? null : round1(overall),
    answered: results.length,
    total: s.queue.length || allIndicators(rubric).length,
    pillars,
    skipped: s.skipped.filter((id) => inQueue.has(id)).map(name),
    unanswered,
    chart: { max: 5, axes: pillars.map((p) => ({ label: `${p.note} ${p.name}`, labelEn: p.nameEn, value: p.score })) },
    strengths: strengthsOrTop,
    gaps: gapsOrBottom,
    roadmap,
    recommendations,
    elements,
    cases: rubric.cases.map((c) => ({ id: c.id, title: c.title, citation: { id: `case:${c.id}`, section: c.section } })),
  };
}

/** Pillars below 3 (浅层应用), or else the lowest-scoring assessed pillar(s). */
function weakestPillars(pillars: PillarResult[]): PillarId[] {
  const scored = pillars.filter((p) => p.score !== null);
  if (!scored.length) return [];
  const low = scored.filter((p) => p.score! < 3).map((p) => p.id);
  if (low.length) return low;
  const min = Math.min(...scored.map((p) => p.score!));
  return min >= 5 ? [] : scored.filter((p) => p.score === min).map((p) => p.id);
}

/** Unicode bars for text-only surfaces (terminal, DingTalk). */
export function textBars(report: Report, loc: 'zh' | 'en'): string {
  return report.chart.axes.map((a) => {
    const v = a.value;
    const bar = v === null ? '·····' : '█'.repeat(Math.round(v)) + '░'.repeat(5 - Math.round(v));
    const label = loc === 'zh' ? a.label : `${a.label.split(' ')[0]} ${a.labelEn}`;
    return `${label.padEnd(loc === 'zh' ? 8 : 32)} ${bar} ${v === null ? (loc === 'zh' ? '未评估' : 'n/a') : v.toFixed(1)}`;
  }).join('\n');
}
