import type { EvalRun } from '../summary.js';
import type { SuiteResult } from '../types.js';

/**
 * The summary table of one suite as cells, shared by the terminal and Markdown renderers:
 * one row per metric, one column per pass (product, bm25, dense, llm, naive), then the accepted
 * figure and the gate's verdict.
 */
export interface Table { title: string; headers: string[]; rows: string[][] }

const PASSES = ['product', 'bm25', 'dense', 'llm', 'neighbours', 'naive', 'rater2'] as const;

export function fmt(x: number | undefined, metric = ''): string {
  if (x === undefined) return '—';
  return metric.includes('latency_') ? x.toFixed(2) : x.toFixed(3);
}

function verdict(run: EvalRun, metric: string): string {
  const e = run.accepted[metric];
  if (!e) return 'new';
  if (e.tolerance === null) return 'not gated';
  if (!run.gated) return 'skipped';
  return run.regressions.some((r) => r.metric === metric) ? 'FAIL' : 'ok';
}

/** Breakdown figures (`lang_en.exact`, `test.tag_outage.exact`): in the reports, and in the terminal only when they fail. */
export const isBreakdown = (short: string) => /(^|\.)(lang|level|pillar|tag)_[^.]+\./.test(short);

export function suiteTable(run: EvalRun, s: SuiteResult, brief = false): Table {
  const passes = PASSES.filter((p) => s.columns[p]);
  const names = Object.keys(s.columns.product ?? {})
    .filter((short) => !brief || !isBreakdown(short) || run.regressions.some((r) => r.metric === `${s.suite}.${short}`));
  const rows = names.map((short) => {
    const metric = `${s.suite}.${short}`;
    const cells = passes.map((p) => fmt(s.columns[p]![short], short));
    const ci = s.intervals?.[short];
    return [short, ...cells, ci ? `${ci[0].toFixed(3)}–${ci[1].toFixed(3)}` : '', fmt(run.accepted[metric]?.value, short), verdict(run, metric)];
  });
  const headers = ['metric', ...passes.map((p) => (p === 'naive' ? 'descriptors' : p)), '95% CI', 'accepted', 'gate'];
  return { title: `${s.suite} — ${s.notes.join('; ')}`, headers, rows };
}

/** One line per paired test: how many lines moved each way against the accepted version, and p. */
export function pairedLines(run: EvalRun): string[] {
  return Object.entries(run.paired).filter(([, t]) => t.paired > 0).map(([name, t]) =>
    `${name}: ${t.paired} paired, ${t.worse} right→wrong, ${t.better} wrong→right, McNemar p = ${t.p < 0.001 ? t.p.toExponential(1) : t.p.toFixed(3)}`);
}
