import type { IndicatorId, Level, PillarId } from '../../knowledge/types.js';
import { seededRandom } from '../../retrieval/linalg.js';
import {
  OTHER_ROLE,
  type Aggregate, type AggregateOptions, type Change, type Comparison, type Hotspot, type IndicatorAggregate,
  type PillarAggregate, type RespondentLevels, type RoleGroup,
} from './types.js';

/**
 * The team aggregate of one campaign wave, as a pure function of the respondents' effective levels
 * (overrides already applied). Levels are 1–5, so medians are read off histograms: the bootstrap of
 * 1 000 respondents × 25 indicators × 1 000 resamples stays a tight loop over typed arrays.
 */

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 20201;
/** A range of this many levels among at least DISAGREE_MIN_N respondents is a disagreement. */
export const DISAGREE_RANGE = 2;
export const DISAGREE_MIN_N = 3;
/** Hot spots are disagreements at or below this median (浅层应用 and lower). */
export const HOTSPOT_MAX_MEDIAN = 3;
const MAX_HOTSPOTS = 5;
const INTERVAL = 0.9;

export function aggregate(respondents: RespondentLevels[], opts: AggregateOptions): Aggregate {
  // Stable order, so the seeded bootstrap gives the same interval however the caller sorted.
  const rs = [...respondents].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const k = opts.minGroup;
  const indicators: Aggregate['indicators'] = {};
  for (const id of opts.indicators) indicators[id] = indicatorAggregate(rs, id, k);

  const pillarIds = [...new Set(opts.indicators.map(pillarOfId))].sort();
  const measured = (p: PillarId) => opts.indicators.filter((id) => pillarOfId(id) === p && indicators[id]!.n > 0);
  const intervals = bootstrap(rs, opts.indicators, pillarIds, opts.resamples ?? DEFAULT_RESAMPLES, opts.seed ?? DEFAULT_SEED);
  const pillars: Aggregate['pillars'] = {};
  for (const p of pillarIds) {
    const ids = measured(p);
    const score = ids.length ? meanOf(ids.map((id) => indicators[id]!.median!)) : null;
    pillars[p] = { score, interval: score === null ? null : intervals.get(p) ?? null, indicators: ids } satisfies PillarAggregate;
  }
  const scores = pillarIds.map((p) => pillars[p]!.score).filter((s): s is number => s !== null);
  return {
    respondents: { total: rs.length, byRole: foldCounts(countBy(rs.map((r) => r.role)), k) },
    indicators,
    pillars,
    overall: scores.length ? meanOf(scores) : null,
    hotspots: hotspots(rs, indicators),
  };
}

function indicatorAggregate(rs: RespondentLevels[], id: IndicatorId, k: number): IndicatorAggregate {
  const histogram: IndicatorAggregate['histogram'] = [0, 0, 0, 0, 0];
  const levels: number[] = [];
  const byRoleLevels = new Map<string, number[]>();
  for (const r of rs) {
    const l = r.levels[id];
    if (!l) continue;
    histogram[l - 1] = histogram[l - 1]! + 1;
    levels.push(l);
    const g = byRoleLevels.get(r.role) ?? [];
    g.push(l);
    byRoleLevels.set(r.role, g);
  }
  const n = levels.length;
  if (!n) return { n, median: null, mean: null, sd: null, histogram, min: null, max: null, disagreement: false, byRole: {} };
  const mean = meanOf(levels);
  const sd = n > 1 ? Math.sqrt(levels.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const min = Math.min(...levels);
  const max = Math.max(...levels);
  return {
    n, median: medianOfHistogram(histogram), mean, sd, histogram, min, max,
    disagreement: n >= DISAGREE_MIN_N && max - min >= DISAGREE_RANGE,
    byRole: roleGroups(byRoleLevels, k),
  };
}

/** Role groups of at least k; the rest pooled as OTHER_ROLE, itself shown only when it reaches k. */
function roleGroups(byRole: Map<string, number[]>, k: number): Record<string, RoleGroup> {
  const out: Record<string, RoleGroup> = {};
  const other: number[] = [];
  for (const [role, ls] of [...byRole].sort(([a], [b]) => a.localeCompare(b))) {
    if (ls.length >= k && role !== OTHER_ROLE) out[role] = { n: ls.length, median: medianOf(ls) };
    else other.push(...ls);
  }
  if (other.length >= k) out[OTHER_ROLE] = { n: other.length, median: medianOf(other) };
  return out;
}

function foldCounts(counts: Map<string, number>, k: number): Record<string, number> {
  const out: Record<string, number> = {};
  let other = 0;
  for (const [role, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (n >= k && role !== OTHER_ROLE) out[role] = n;
    else other += n;
  }
  if (other >= k) out[OTHER_ROLE] = other;
  return out;
}

/** The visible group a respondent's words are shown under, or undefined when it is below k. */
function visibleRole(role: string, groups: Record<string, RoleGroup>): string | undefined {
  if (role !== OTHER_ROLE && groups[role]) return role;
  return groups[OTHER_ROLE] ? OTHER_ROLE : undefined;
}

function hotspots(rs: RespondentLevels[], indicators: Aggregate['indicators']): Hotspot[] {
  // Low maturity × high disagreement: the lower the median and the wider the spread, the hotter.
  const heat = (a: IndicatorAggregate) => (6 - a.median!) * a.sd!;
  const hot = (Object.entries(indicators) as Array<[IndicatorId, IndicatorAggregate]>)
    .filter(([, a]) => a.disagreement && a.median !== null && a.median <= HOTSPOT_MAX_MEDIAN)
    .sort(([x, a], [y, b]) => heat(b) - heat(a) || x.localeCompare(y))
    .slice(0, MAX_HOTSPOTS);
  return hot.map(([id, a]) => {
    const roles = Object.entries(a.byRole).map(([role, g]) => ({ role, median: g.median }))
      .sort((x, y) => y.median - x.median || x.role.localeCompare(y.role));
    // One quote per visible role group: the words of the member closest to the group's median.
    const best = new Map<string, { level: Level; text: string; d: number }>();
    const medianOfRole = new Map(roles.map((r) => [r.role, r.median]));
    for (const r of rs) {
      const l = r.levels[id];
      const text = r.quotes?.[id];
      const role = l && text ? visibleRole(r.role, a.byRole) : undefined;
      if (!role) continue;
      const d = Math.abs(l! - medianOfRole.get(role)!);
      const prev = best.get(role);
      if (!prev || d < prev.d) best.set(role, { level: l!, text: text!, d });
    }
    const quotes = roles.flatMap(({ role }) => { const q = best.get(role); return q ? [{ role, level: q.level, text: q.text }] : []; });
    return { indicator: id, median: a.median!, sd: a.sd!, range: [a.min!, a.max!] as [number, number], roles, quotes };
  });
}

/**
 * Percentile bootstrap over respondents: each resample draws n respondents with replacement and
 * recomputes every pillar's mean of indicator medians. Returns the 90 % interval per pillar.
 */
function bootstrap(rs: RespondentLevels[], ids: IndicatorId[], pillarIds: PillarId[], resamples: number, seed: number): Map<PillarId, [number, number]> {
  const nR = rs.length;
  const nI = ids.length;
  const out = new Map<PillarId, [number, number]>();
  if (!nR || !nI || resamples < 1) return out;
  // Each respondent's answers as histogram offsets (indicator × 6 + level), packed end to end:
  // a resample then adds each drawn respondent's weight at their offsets, nothing else.
  const start = new Int32Array(nR + 1);
  const offs: number[] = [];
  rs.forEach((r, i) => {
    ids.forEach((id, j) => { const l = r.levels[id]; if (l) offs.push(j * 6 + l); });
    start[i + 1] = offs.length;
  });
  const offsets = Int32Array.from(offs);
  const pillarOfCol = Int32Array.from(ids.map((id) => pillarIds.indexOf(pillarOfId(id))));
  const nP = pillarIds.length;
  const samples = pillarIds.map(() => new Float64Array(resamples));
  const filled = new Int32Array(nP);
  const hist = new Int32Array(nI * 6);
  const weight = new Int32Array(nR);
  const sum = new Float64Array(nP);
  const cnt = new Int32Array(nP);
  // Seeded, so the interval does not change between two runs of the same report.
  const rand = seededRandom(seed);
  for (let b = 0; b < resamples; b++) {
    hist.fill(0);
    weight.fill(0);
    for (let d = 0; d < nR; d++) weight[Math.floor(rand() * nR)]!++;
    for (let i = 0; i < nR; i++) {
      const w = weight[i]!;
      if (!w) continue;
      for (let k = start[i]!, end = start[i + 1]!; k < end; k++) hist[offsets[k]!]! += w;
    }
    sum.fill(0);
    cnt.fill(0);
    for (let j = 0; j < nI; j++) {
      const m = medianOfCounts(hist, j * 6);
      if (m === null) continue;
      const p = pillarOfCol[j]!;
      sum[p] = sum[p]! + m;
      cnt[p] = cnt[p]! + 1;
    }
    for (let p = 0; p < nP; p++) if (cnt[p]) samples[p]![filled[p]!++] = sum[p]! / cnt[p]!;
  }
  pillarIds.forEach((p, i) => {
    const xs = samples[i]!.subarray(0, filled[i]!).sort();
    if (xs.length) out.set(p, [quantile(xs, (1 - INTERVAL) / 2), quantile(xs, (1 + INTERVAL) / 2)]);
  });
  return out;
}

/**
 * T0 → T1 over what both waves measured. An indicator's change exceeds the spread when it is larger
 * than the larger of the two waves' standard deviations; a pillar's when the two intervals do not overlap.
 */
export function compare(previous: Aggregate, current: Aggregate): Comparison {
  const indicators: Comparison['indicators'] = {};
  const common: IndicatorId[] = [];
  for (const [id, a] of Object.entries(current.indicators) as Array<[IndicatorId, IndicatorAggregate]>) {
    const b = previous.indicators[id];
    if (!b || !b.n || !a.n) continue;
    common.push(id);
    const delta = a.median! - b.median!;
    indicators[id] = { from: b.median!, to: a.median!, delta, exceedsSpread: Math.abs(delta) > Math.max(a.sd!, b.sd!) };
  }
  const pillars: Comparison['pillars'] = {};
  for (const p of [...new Set(common.map(pillarOfId))].sort()) {
    const ids = common.filter((id) => pillarOfId(id) === p);
    const from = meanOf(ids.map((id) => previous.indicators[id]!.median!));
    const to = meanOf(ids.map((id) => current.indicators[id]!.median!));
    const a = previous.pillars[p]?.interval;
    const b = current.pillars[p]?.interval;
    const disjoint = !!a && !!b && (a[1] < b[0] || b[1] < a[0]);
    pillars[p] = { from, to, delta: to - from, exceedsSpread: disjoint } satisfies Change;
  }
  return { indicators, pillars };
}

// ---- small numeric helpers, exported for the tests ----

export function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function medianOfHistogram(h: readonly number[]): number {
  return medianOfCounts(Int32Array.from([0, ...h]), 0)!;
}

/** Median of levels 1–5 from counts at offset+1 … offset+5; null when empty. */
function medianOfCounts(h: Int32Array, offset: number): number | null {
  let n = 0;
  for (let l = 1; l <= 5; l++) n += h[offset + l]!;
  if (!n) return null;
  const lo = (n - 1) >> 1;
  const hi = n >> 1;
  let seen = 0;
  let a = 0;
  for (let l = 1; l <= 5; l++) {
    const next = seen + h[offset + l]!;
    if (!a && lo < next) a = l;
    if (hi < next) return (a + l) / 2;
    seen = next;
  }
  return a;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < sorted.length ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[i]!;
}


function countBy(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function meanOf(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function pillarOfId(id: IndicatorId): PillarId {
  return Number(id[0]) as PillarId;
}
