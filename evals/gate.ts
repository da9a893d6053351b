import fs from 'node:fs';
import { z } from 'zod';
import type { SuiteName } from './types.js';

/**
 * The regression gate: evals/baseline.json holds the accepted figure of every metric with its
 * tolerance and direction. A run regresses when a gated metric is worse than its figure by more
 * than the tolerance; `tolerance: null` records a figure without gating it (latency, diagnostics).
 */
export interface BaselineEntry { value: number; tolerance: number | null; better: 'higher' | 'lower' }
/** A figure an accepted run lowered (or dropped: `to` null), with the reason given by --accept-drop. */
export interface Drop { metric: string; from: number; to: number | null }
export interface AcceptedDrop { date: string; reason: string; drops: Drop[] }
/** `sizes`: lines per suite and per data set (`scoring/blind`); `drops`: every accepted lowering, newest last. */
export interface Baseline { about: string; updated: string; sizes: Record<string, number>; metrics: Record<string, BaselineEntry>; drops?: AcceptedDrop[] }
export interface Regression { metric: string; baseline: number; current: number | null; tolerance: number; better: 'higher' | 'lower'; message: string }

const EntrySchema = z.strictObject({ value: z.number(), tolerance: z.number().min(0).nullable(), better: z.enum(['higher', 'lower']) });
const BaselineSchema = z.strictObject({
  about: z.string(),
  updated: z.string(),
  sizes: z.record(z.string(), z.number()),
  metrics: z.record(z.string(), EntrySchema),
  drops: z.array(z.strictObject({
    date: z.string(), reason: z.string().min(1),
    drops: z.array(z.strictObject({ metric: z.string(), from: z.number(), to: z.number().nullable() })),
  })).optional(),
});

const ABOUT = 'Accepted eval figures. The gate fails when a metric is worse than value by more than tolerance (null: recorded, not gated) '
  + 'or a data set has fewer lines than in sizes. Rewrite with `npm run eval -- --update-baseline` (tolerances you edited are kept); '
  + 'lowering a figure needs --accept-drop "<reason>", recorded in drops. See evals/README.md, "The gate".';

/** Default direction and tolerance of a newly recorded metric. */
export function defaultEntry(metric: string, value: number): BaselineEntry {
  const short = metric.split('.').pop()!;
  if (short.startsWith('latency_')) return { value, tolerance: null, better: 'lower' };
  if (/^retrieval\.(bm25|dense)\./.test(metric)) return { value, tolerance: null, better: 'higher' };
  if (short === 'mae') return { value, tolerance: 0.05, better: 'lower' };
  // What a perfect confidence would show at this size: a reference beside ECE, not a figure to improve.
  if (short === 'ece_floor') return { value, tolerance: null, better: 'lower' };
  if (short === 'ece' || short === 'gap') return { value, tolerance: 0.02, better: 'lower' };
  // Interview length in person messages: shorter is better; two more messages is the tolerance.
  if (short.startsWith('persona_messages')) return { value, tolerance: 2, better: 'lower' };
  return { value, tolerance: 0.02, better: 'higher' };
}

export function readBaseline(file: string): Baseline | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = BaselineSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data as Baseline;
}

const suiteOf = (metric: string) => metric.split(/[./]/)[0] as SuiteName;
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(3));

export function compare(baseline: Baseline | undefined, metrics: Record<string, number>, ran: SuiteName[], sizes: Record<string, number> = {}): Regression[] {
  if (!baseline) return [];
  const out: Regression[] = [];
  // A data set that lost lines must not pass on its remaining (perhaps easier) ones.
  for (const [set, was] of Object.entries(baseline.sizes)) {
    if (!ran.includes(suiteOf(set))) continue;
    const now = sizes[set] ?? 0;
    if (now < was) out.push({ metric: `size:${set}`, baseline: was, current: now, tolerance: 0, better: 'higher', message: `data set ${set} shrank: ${now} lines < ${was} accepted` });
  }
  for (const [metric, e] of Object.entries(baseline.metrics)) {
    if (e.tolerance === null || !ran.includes(suiteOf(metric))) continue;
    const current = metrics[metric];
    const base = { metric, baseline: e.value, tolerance: e.tolerance, better: e.better };
    if (current === undefined) {
      out.push({ ...base, current: null, message: `${metric}: in the baseline but not measured` });
    } else if (e.better === 'higher' ? current < e.value - e.tolerance - 1e-9 : current > e.value + e.tolerance + 1e-9) {
      const op = e.better === 'higher' ? `< ${fmt(e.value)} − ${e.tolerance}` : `> ${fmt(e.value)} + ${e.tolerance}`;
      out.push({ ...base, current, message: `${metric} regressed: ${fmt(current)} ${op}` });
    }
  }
  return out;
}

/** Gated figures the new run would lower below the accepted value (rounded), drop, or data sets it would shrink. */
export function lowered(old: Baseline | undefined, metrics: Record<string, number>, sizes: Record<string, number>, ran: SuiteName[]): Drop[] {
  if (!old) return [];
  const out: Drop[] = [];
  for (const [m, e] of Object.entries(old.metrics)) {
    if (e.tolerance === null || !ran.includes(suiteOf(m))) continue;
    const v = metrics[m];
    if (v === undefined) out.push({ metric: m, from: e.value, to: null });
    else if (e.better === 'higher' ? round4(v) < e.value : round4(v) > e.value) out.push({ metric: m, from: e.value, to: round4(v) });
  }
  for (const [set, was] of Object.entries(old.sizes)) {
    if (!ran.includes(suiteOf(set))) continue;
    const now = sizes[set];
    if (now === undefined || now < was) out.push({ metric: `size:${set}`, from: was, to: now ?? null });
  }
  return out;
}

const round4 = (v: number) => Math.round(v * 10000) / 10000;

/**
 * The new baseline: this run's figures for the suites that ran; edited tolerances are kept. A
 * breakdown figure over n lines (`counts`) is recorded with one line of slack, max(0.02, 1/n).
 * `accepted`: the drops this update lowers, with the reason, appended to the baseline's record.
 */
export function updatedBaseline(old: Baseline | undefined, metrics: Record<string, number>, sizes: Record<string, number>, ran: SuiteName[], now = new Date(), counts: Record<string, number> = {}, accepted?: { reason: string; drops: Drop[] }): Baseline {
  const kept = Object.entries(old?.metrics ?? {}).filter(([m]) => !ran.includes(suiteOf(m)));
  const fresh = Object.entries(metrics).map(([m, v]): [string, BaselineEntry] => {
    const prev = old?.metrics[m];
    const value = round4(v);
    if (prev) return [m, { ...prev, value }];
    const entry = defaultEntry(m, value);
    const n = counts[m];
    if (n && entry.tolerance !== null) entry.tolerance = Math.max(entry.tolerance, Math.ceil((1000 / n)) / 1000);
    return [m, entry];
  });
  const all = Object.fromEntries([...kept, ...fresh].sort(([a], [b]) => a.localeCompare(b)));
  const keptSizes = Object.entries(old?.sizes ?? {}).filter(([k]) => !ran.includes(suiteOf(k)));
  const drops = [...(old?.drops ?? []), ...(accepted && accepted.drops.length ? [{ date: now.toISOString(), ...accepted }] : [])];
  return { about: ABOUT, updated: now.toISOString(), sizes: { ...Object.fromEntries(keptSizes), ...sizes }, metrics: all, ...(drops.length ? { drops } : {}) };
}

export function writeBaseline(file: string, b: Baseline): void {
  fs.writeFileSync(file, JSON.stringify(b, null, 2) + '\n');
}

/** Per-line correctness of the accepted version (evals/baseline-lines.json), for the paired test. */
export interface AcceptedLines { updated: string; suites: Record<string, Record<string, 0 | 1>> }

export const linesFileOf = (baselineFile: string) => baselineFile.replace(/\.json$/, '') + '-lines.json';

export function readLines(file: string): AcceptedLines | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = z.strictObject({ updated: z.string(), suites: z.record(z.string(), z.record(z.string(), z.union([z.literal(0), z.literal(1)]))) })
    .safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The accepted lines with these suites' lines replaced. One line per suite keeps the file's diffs readable. */
export function writeLines(file: string, old: AcceptedLines | undefined, lines: Record<string, Record<string, boolean>>, now = new Date()): void {
  const suites: AcceptedLines['suites'] = { ...old?.suites };
  for (const [s, l] of Object.entries(lines)) suites[s] = Object.fromEntries(Object.entries(l).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v ? 1 : 0]));
  const body = Object.entries(suites).sort(([a], [b]) => a.localeCompare(b)).map(([s, l]) => `    ${JSON.stringify(s)}: ${JSON.stringify(l)}`).join(',\n');
  fs.writeFileSync(file, `{\n  "updated": ${JSON.stringify(now.toISOString())},\n  "suites": {\n${body}\n  }\n}\n`);
}
