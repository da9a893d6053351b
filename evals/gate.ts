import fs from 'node:fs';
import { z } from 'zod';
import type { SuiteName } from './types.js';

/**
 * The regression gate: evals/baseline.json holds the accepted figure of every metric with its
 * tolerance and direction. A run regresses when a gated metric is worse than its figure by more
 * than the tolerance; `tolerance: null` records a figure without gating it (latency, diagnostics).
 */
export interface BaselineEntry { value: number; tolerance: number | null; better: 'higher' | 'lower' }
export interface Baseline { about: string; updated: string; sizes: Partial<Record<SuiteName, number>>; metrics: Record<string, BaselineEntry> }
export interface Regression { metric: string; baseline: number; current: number | null; tolerance: number; better: 'higher' | 'lower'; message: string }

const EntrySchema = z.strictObject({ value: z.number(), tolerance: z.number().min(0).nullable(), better: z.enum(['higher', 'lower']) });
const BaselineSchema = z.strictObject({
  about: z.string(),
  updated: z.string(),
  sizes: z.record(z.string(), z.number()),
  metrics: z.record(z.string(), EntrySchema),
});

const ABOUT = 'Accepted eval figures. The gate fails when a metric is worse than value by more than tolerance (null: recorded, not gated). '
  + 'Rewrite with `npm run eval -- --update-baseline` (tolerances you edited are kept). See evals/README.md, "The gate".';

/** Default direction and tolerance of a newly recorded metric. */
export function defaultEntry(metric: string, value: number): BaselineEntry {
  const short = metric.split('.').pop()!;
  if (short.startsWith('latency_')) return { value, tolerance: null, better: 'lower' };
  if (/^retrieval\.(bm25|dense)\./.test(metric)) return { value, tolerance: null, better: 'higher' };
  if (short === 'mae') return { value, tolerance: 0.05, better: 'lower' };
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

const suiteOf = (metric: string) => metric.split('.')[0] as SuiteName;
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(3));

export function compare(baseline: Baseline | undefined, metrics: Record<string, number>, ran: SuiteName[]): Regression[] {
  if (!baseline) return [];
  const out: Regression[] = [];
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

/** The new baseline: this run's figures for the suites that ran; edited tolerances are kept. */
export function updatedBaseline(old: Baseline | undefined, metrics: Record<string, number>, sizes: Partial<Record<SuiteName, number>>, ran: SuiteName[], now = new Date()): Baseline {
  const kept = Object.entries(old?.metrics ?? {}).filter(([m]) => !ran.includes(suiteOf(m)));
  const fresh = Object.entries(metrics).map(([m, v]): [string, BaselineEntry] => {
    const prev = old?.metrics[m];
    const value = Math.round(v * 10000) / 10000;
    return [m, prev ? { ...prev, value } : defaultEntry(m, value)];
  });
  const all = Object.fromEntries([...kept, ...fresh].sort(([a], [b]) => a.localeCompare(b)));
  return { about: ABOUT, updated: now.toISOString(), sizes: { ...old?.sizes, ...sizes }, metrics: all };
}

export function writeBaseline(file: string, b: Baseline): void {
  fs.writeFileSync(file, JSON.stringify(b, null, 2) + '\n');
}
