import { en } from '../knowledge/english.js';
import { allIndicators, indicatorOf } from '../knowledge/load.js';
import type { ElementId, IndicatorId, Level, PillarId, Rubric } from '../knowledge/types.js';
import { confidenceBand, type ConfidenceBand } from './interview/confidence.js';
import { reportVersions, type ReportVersions } from './report-meta.js';
import type { Answer, SessionState } from './session.js';
import type { Citation } from './types.js';

/**
 * The assessment report as data — one model that every rendering (chat blocks, Markdown, JSON,
 * HTML, PDF) reads: who and when, scores, evidence, chart, strengths and gaps, a phased roadmap,
 * ranked solutions, bottlenecks and cases, each item with its whitepaper passage (Chinese and
 * English section names). English texts are the project's translation (knowledge/data/en).
 *
 * Campaign (team) reports use the same model: buildReport reads a `ReportSubject` — answers per
 * indicator plus focus elements — not a session. `subjectOf(session)` makes one from an
 * interview; bot/team/document.ts makes one from the team medians and adds the `team` view.
 */
export interface ReportCitation extends Citation { sectionEn: string }

export interface IndicatorResult {
  id: IndicatorId; pillar: PillarId; name: string; nameEn: string; descriptionEn: string;
  level: Level; label: string; labelEn: string;
  /** A bare digit is the person's own rating: no confidence is claimed for it. */
  selfRated: boolean;
  confidence: number;
  /** null when self-rated. */
  band: ConfidenceBand | null;
  /** The person's own words (as typed), and the descriptor of the level recorded. */
  evidence: { answer: string; descriptor: string; descriptorEn: string };
  citation: ReportCitation;
}
export interface PillarResult {
  id: PillarId; name: string; nameEn: string; note: string; noteEn: string;
  /** Mean of the answered indicators; null when none was answered. */
  score: number | null;
  indicators: IndicatorResult[];
}
export type Phase = 'now' | 'next' | 'later';
export interface RoadmapStep {
  phase: Phase;
  indicator: IndicatorId; pillar: PillarId; name: string; nameEn: string;
  from: Level; to: Level; toLabel: string; toLabelEn: string;
  action: string; actionEn: string; gistEn: string;
  citation: ReportCitation;
}
export interface Recommendation {
  rank: number;
  pillar: PillarId; element: ElementId | 'all';
  name: string; nameEn: string;
  /** The weakest indicator of the pillar: why this solution is on the list. */
  because: { indicator: IndicatorId; level: Level };
  /** At one of the person's focus elements (or the cross-element row); false = another element's cell. */
  focus: boolean;
  citation: ReportCitation;
}
export interface ReportContext {
  client?: string;
  /** Who answered: one person, or a campaign's respondents by role. */
  respondents?: Array<{ name?: string; role?: string }>;
  wave?: string;
  /** ISO date (YYYY-MM-DD) of the report; default today (UTC). */
  date?: string;
  /** Which scorer produced the levels, e.g. offline or llm:gpt-4o-mini. */
  scorer?: string;
}
export interface Report {
  meta: {
    client: string | null; date: string; respondents: Array<{ name?: string; role?: string }>; wave: string | null;
    versions: ReportVersions;
    translationNotice: string;
  };
  complete: boolean;
  overall: number | null;
  answered: number;
  total: number;
  pillars: PillarResult[];
  skipped: Array<{ id: IndicatorId; name: string; nameEn: string }>;
  unanswered: Array<{ id: IndicatorId; name: string; nameEn: string }>;
  chart: { max: 5; axes: Array<{ pillar: PillarId; label: string; labelEn: string; value: number | null }> };
  strengths: IndicatorResult[];
  gaps: IndicatorResult[];
  roadmap: RoadmapStep[];
  recommendations: Recommendation[];
  /** Pillar × element cells holding recommended solutions (the heat map). */
  heat: Array<{ pillar: PillarId; element: ElementId | 'all'; count: number }>;
  focusElements: ElementId[];
  elements: Array<{
    id: ElementId; name: string; nameEn: string;
    bottlenecks: Array<{ title: string; text: string; titleEn: string; textEn: string; citation: ReportCitation }>;
    directions: Array<{ capability: string; capabilityEn: string; pillars: PillarId[] }>;
    directionsCitation?: ReportCitation;
  }>;
  cases: Array<{ id: number; title: string; titleEn: string; citation: ReportCitation }>;
  /** Set for a campaign (team) report: the respondents' spread instead of one person's words. */
  team?: TeamView;
}

/**
 * A campaign wave in the report model (bot/team/document.ts makes it from the team report):
 * respondents by role (roles below the minimum group folded away), each indicator's spread, the
 * hot spots with quotes by role (never by name), and the change since the previous wave.
 */
export interface TeamView {
  campaignId: string;
  wave: number;
  minGroup: number;
  respondents: { total: number; byRole: Array<{ role: string; n: number }>; folded: number };
  coverage: { planned: number; measured: number };
  indicators: Array<{
    id: IndicatorId; pillar: PillarId; name: string; nameEn: string;
    n: number; median: number | null; sd: number | null; min: number | null; max: number | null;
    histogram: [number, number, number, number, number]; disagreement: boolean;
    byRole: Array<{ role: string; n: number; median: number }>;
  }>;
  pillars: Array<{ pillar: PillarId; score: number | null; interval: [number, number] | null }>;
  hotspots: Array<{
    id: IndicatorId; name: string; nameEn: string; median: number; range: [number, number];
    roles: Array<{ role: string; median: number }>; quotes: Array<{ role: string; level: Level; text: string }>;
  }>;
  comparison?: {
    previousId: string; previousWave: number;
    pillars: Array<{ pillar: PillarId; name: string; nameEn: string; from: number; to: number; delta: number; exceedsSpread: boolean }>;
    indicators: Array<{ id: IndicatorId; name: string; nameEn: string; from: number; to: number; delta: number; exceedsSpread: boolean }>;
  };
}

/** What a report is about: answers by indicator and the focus elements. */
export interface ReportSubject {
  answers: Partial<Record<IndicatorId, Pick<Answer, 'level' | 'confidence' | 'via' | 'evidence'>>>;
  elements: ElementId[];
  /** The indicators asked (empty: all 25). */
  queue: IndicatorId[];
  skipped: IndicatorId[];
  complete: boolean;
}

export function subjectOf(s: SessionState): ReportSubject {
  return { answers: s.answers, elements: s.elements, queue: s.queue, skipped: s.skipped, complete: s.phase === 'done' };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function levelCitation(rubric: Rubric, id: IndicatorId, level: Level): ReportCitation {
  const ind = indicatorOf(rubric, id);
  const p = rubric.pillars[ind.pillar - 1]!;
  return { id: `lvl:${id}:${level}`, section: `${p.name} › ${id} › ${level}级`, sectionEn: `${p.nameEn} › ${id} › level ${level}` };
}

function indicatorResult(rubric: Rubric, id: IndicatorId, a: NonNullable<ReportSubject['answers'][IndicatorId]>): IndicatorResult {
  const ind = indicatorOf(rubric, id);
  const l = ind.levels[a.level - 1]!;
  const selfRated = a.via === 'digit';
  return {
    id, pillar: ind.pillar, name: ind.name, nameEn: ind.nameEn, descriptionEn: en.description(id),
    level: a.level, label: l.label, labelEn: l.labelEn,
    selfRated, confidence: a.confidence, band: selfRated ? null : confidenceBand(a.confidence),
    // A digit answer's "words" are the digit: the evidence is then the descriptor it picked.
    evidence: { answer: selfRated ? '' : a.evidence.answer, descriptor: l.text, descriptorEn: en.level(id, a.level).text },
    citation: levelCitation(rubric, id, a.level),
  };
}

export function buildReport(rubric: Rubric, input: SessionState | ReportSubject, ctx: ReportContext = {}): Report {
  const s = 'phase' in input ? subjectOf(input) : input;
  const pillars: PillarResult[] = rubric.pillars.map((p) => {
    const indicators = p.indicators.filter((i) => s.answers[i.id]).map((i) => indicatorResult(rubric, i.id, s.answers[i.id]!));
    const score = mean(indicators.map((i) => i.level));
    return { id: p.id, name: p.name, nameEn: p.nameEn, note: p.note, noteEn: en.note(p.id), score: score === null ? null : round1(score), indicators };
  });
  const scored = pillars.filter((p) => p.score !== null);
  const overall = mean(scored.map((p) => p.score!));
  const results = pillars.flatMap((p) => p.indicators);
  const named = (id: IndicatorId) => ({ id, name: indicatorOf(rubric, id).name, nameEn: indicatorOf(rubric, id).nameEn });
  const inQueue = new Set(s.queue);
  const unanswered = s.queue.filter((id) => !s.answers[id] && !s.skipped.includes(id)).map(named);

  const recommendations = rankSolutions(rubric, pillars, s.elements);
  const heat = new Map<string, { pillar: PillarId; element: ElementId | 'all'; count: number }>();
  for (const r of recommendations) {
    const k = `${r.pillar}:${r.element}`;
    heat.set(k, { pillar: r.pillar, element: r.element, count: (heat.get(k)?.count ?? 0) + 1 });
  }

  // Bottlenecks and directions only for elements the person chose, not for the all-elements default.
  const elements = s.elements.map((id) => {
    const e = rubric.elements.find((x) => x.id === id)!;
    return {
      id, name: e.name, nameEn: e.nameEn,
      bottlenecks: e.bottlenecks.map((b, k) => ({
        ...b, titleEn: en.bottleneck(id, k).title, textEn: en.bottleneck(id, k).text,
        citation: { id: `bn:${id}:${k + 1}`, section: `${e.title} › 目前遇到的瓶颈 › ${b.title}`, sectionEn: `${e.nameEn} › ${en.misc().bottlenecksHeading} › ${en.bottleneck(id, k).title}` },
      })),
      directions: e.directions.map((d, k) => ({ ...d, capabilityEn: en.direction(id, k) })),
      ...(e.directions.length ? { directionsCitation: { id: `dir:${id}`, section: `${e.title} › 数智能力提升方向`, sectionEn: `${e.nameEn} › ${en.misc().directionsHeading}` } } : {}),
    };
  });

  return {
    meta: {
      client: ctx.client?.trim() || null,
      date: ctx.date ?? new Date().toISOString().slice(0, 10),
      respondents: ctx.respondents ?? [],
      wave: ctx.wave?.trim() || null,
      versions: reportVersions(rubric, ctx.scorer ?? 'offline'),
      translationNotice: en.misc().notice,
    },
    complete: s.complete,
    overall: overall === null ? null : round1(overall),
    answered: results.length,
    total: s.queue.length || allIndicators(rubric).length,
    pillars,
    skipped: s.skipped.filter((id) => inQueue.has(id)).map(named),
    unanswered,
    chart: { max: 5, axes: pillars.map((p) => ({ pillar: p.id, label: `${p.note} ${p.name}`, labelEn: `${p.noteEn} · ${p.nameEn}`, value: p.score })) },
    ...strengthsAndGaps(results),
    roadmap: phasedRoadmap(rubric, results),
    recommendations,
    heat: [...heat.values()],
    focusElements: s.elements,
    elements,
    cases: rubric.cases.map((c) => ({
      id: c.id, title: c.title, titleEn: en.caseTitle(c.id),
      citation: { id: `case:${c.id}`, section: c.section, sectionEn: en.misc().caseSection.replace('{n}', String(c.id)) },
    })),
  };
}

/**
 * Strengths: every indicator at 4 or 5, or else every one at the highest level reached (if ≥ 3).
 * Gaps: every indicator at 1 or 2, or else every one at the lowest level reached (if < 5).
 * Complete lists: ties are never cut.
 */
function strengthsAndGaps(results: IndicatorResult[]): { strengths: IndicatorResult[]; gaps: IndicatorResult[] } {
  if (!results.length) return { strengths: [], gaps: [] };
  const levels = results.map((r) => r.level);
  const max = Math.max(...levels);
  const min = Math.min(...levels);
  const byDesc = [...results].sort((a, b) => b.level - a.level || a.id.localeCompare(b.id));
  const byAsc = [...results].sort((a, b) => a.level - b.level || a.id.localeCompare(b.id));
  const strengths = byDesc.filter((r) => r.level >= 4);
  const gaps = byAsc.filter((r) => r.level <= 2);
  return {
    strengths: strengths.length ? strengths : max >= 3 ? byDesc.filter((r) => r.level === max && r.level > min) : [],
    gaps: gaps.length ? gaps : min < 5 ? byAsc.filter((r) => r.level === min) : [],
  };
}

/**
 * Every indicator below 5 gets its next level, in three phases. Foundations first: the layers
 * above (data, intelligence) stand on infrastructure, touchpoints and online business (pillars
 * 1–3). Now: level 1–2 in the foundations — or, when there are none, the weakest indicators.
 * Next: the other level 1–2 indicators and the foundations at 3. Later: the rest.
 */
function phasedRoadmap(rubric: Rubric, results: IndicatorResult[]): RoadmapStep[] {
  const open = results.filter((r) => r.level < 5);
  if (!open.length) return [];
  const foundation = (r: IndicatorResult) => r.pillar <= 3;
  const phaseOf = (r: IndicatorResult): Phase => (r.level <= 2 && foundation(r) ? 'now' : r.level <= 2 || (r.level === 3 && foundation(r)) ? 'next' : 'later');
  const min = Math.min(...open.map((r) => r.level));
  const anyNow = open.some((r) => phaseOf(r) === 'now');
  const order: Record<Phase, number> = { now: 0, next: 1, later: 2 };
  return open
    .map((r) => ({ r, phase: !anyNow && r.level === min ? 'now' as Phase : phaseOf(r) }))
    .sort((a, b) => order[a.phase] - order[b.phase] || a.r.pillar - b.r.pillar || a.r.level - b.r.level || a.r.id.localeCompare(b.r.id))
    .map(({ r, phase }) => {
      const ind = indicatorOf(rubric, r.id);
      const to = (r.level + 1) as Level;
      const l = ind.levels[to - 1]!;
      const e = en.level(r.id, to);
      return {
        phase, indicator: r.id, pillar: r.pillar, name: ind.name, nameEn: ind.nameEn, from: r.level, to,
        toLabel: l.label, toLabelEn: l.labelEn, action: l.text, actionEn: e.text, gistEn: e.gist,
        citation: levelCitation(rubric, r.id, to),
      };
    });
}

/**
 * Solutions ranked by the gap. A pillar is weak when its score is below 3 or one of its
 * indicators is at 1–2; when none is, the pillar(s) of the weakest indicator are, so a mature
 * client whose only gap is 5.2 still gets pillar-5 solutions. Weakest pillars first (lowest
 * indicator, then score, then foundations first); within a pillar the focus elements' cells,
 * and only when they hold none, the other elements' cells of that pillar. The cross-element
 * cloud row (pillar 1) appears only when pillar 1 is weak.
 */
function rankSolutions(rubric: Rubric, pillars: PillarResult[], chosen: ElementId[]): Recommendation[] {
  const assessed = pillars.filter((p) => p.indicators.length);
  if (!assessed.length) return [];
  const lowest = (p: PillarResult) => Math.min(...p.indicators.map((i) => i.level));
  let weak = assessed.filter((p) => p.score! < 3 || lowest(p) <= 2);
  if (!weak.length) {
    const min = Math.min(...assessed.map(lowest));
    weak = min >= 5 ? [] : assessed.filter((p) => lowest(p) === min);
  }
  weak.sort((a, b) => lowest(a) - lowest(b) || a.score! - b.score! || a.id - b.id);
  const focus: ElementId[] = chosen.length ? chosen : rubric.elements.map((e) => e.id);
  const out: Recommendation[] = [];
  const seen = new Set<string>();
  const ename = (e: ElementId) => rubric.elements.find((x) => x.id === e)!;
  const push = (p: PillarResult, element: ElementId | 'all', name: string, isFocus: boolean) => {
    if (seen.has(`${p.id}:${name}`)) return;
    seen.add(`${p.id}:${name}`);
    const weakest = [...p.indicators].sort((a, b) => a.level - b.level || a.id.localeCompare(b.id))[0]!;
    const cell = element === 'all'
      ? { section: `解决方案矩阵 › ${p.name}（全要素）`, sectionEn: `${en.misc().matrix} › ${p.nameEn} (${en.misc().allElements})` }
      : { section: `解决方案矩阵 › ${p.name} × ${ename(element).name}`, sectionEn: `${en.misc().matrix} › ${p.nameEn} × ${ename(element).nameEn}` };
    out.push({
      rank: out.length + 1, pillar: p.id, element, name, nameEn: en.solution(name),
      because: { indicator: weakest.id, level: weakest.level }, focus: isFocus,
      citation: { id: `sol:${p.id}:${element}`, ...cell },
    });
  };
  for (const p of weak) {
    if (p.id === 1) for (const n of rubric.crossElement.names) push(p, 'all', n, true);
    const cells = (els: ElementId[]) => els.flatMap((e) => rubric.solutions.filter((x) => x.pillar === p.id && x.element === e));
    const mine = cells(focus);
    if (mine.length) for (const sol of mine) push(p, sol.element, sol.name, true);
    else for (const sol of cells(rubric.elements.map((e) => e.id))) push(p, sol.element, sol.name, false);
  }
  return out;
}

/** Short English pillar names: a bar line has to fit a phone row. */
const SHORT_EN: Record<PillarId, string> = { 1: 'Cloud', 2: 'Touchpoints', 3: 'Online business', 4: 'Data operations', 5: 'Intelligence' };

/** Unicode bars for text-only surfaces (terminal, DingTalk). */
export function textBars(report: Report, loc: 'zh' | 'en'): string {
  return report.chart.axes.map((a) => {
    const v = a.value;
    const bar = v === null ? '·····' : '█'.repeat(Math.round(v)) + '░'.repeat(5 - Math.round(v));
    const label = loc === 'zh' ? a.label : `P${a.pillar} ${SHORT_EN[a.pillar]}`;
    return `${label.padEnd(loc === 'zh' ? 8 : 18)} ${bar} ${v === null ? (loc === 'zh' ? '未评估' : 'n/a') : v.toFixed(1)}`;
  }).join('\n');
}
