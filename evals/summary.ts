import type { Baseline, BaselineEntry, Regression } from './gate.js';
import type { SuiteName, SuiteResult } from './types.js';

/**
 * One run, flattened to `suite.metric` names: the product's figures (gated), the LLM pass and the
 * naive baseline beside them, and the warnings about metrics the naive baseline nearly matches.
 */
export interface EvalRun {
  startedAt: string;
  ms: number;
  tag?: string;
  suites: SuiteResult[];
  /** The product's figures, including `retrieval.bm25.*` and `retrieval.dense.*`. */
  metrics: Record<string, number>;
  /** The naive baseline's figures under the product's names. */
  naive: Record<string, number>;
  /** The LLM pass, when --llm. */
  llm?: Record<string, number>;
  sizes: Partial<Record<SuiteName, number>>;
  accepted: Record<string, BaselineEntry>;
  /** False with --tag: the accepted figures are for the full sets. */
  gated: boolean;
  regressions: Regression[];
  warnings: string[];
}

/** How close the naive baseline may come before a metric is said not to discriminate. */
export const DISCRIMINATION_MARGIN = 0.05;

function flatten(suites: SuiteResult[], column: string, sub = false): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of suites) {
    for (const [k, v] of Object.entries(s.columns[column] ?? {})) out[sub ? `${s.suite}.${column}.${k}` : `${s.suite}.${k}`] = v;
  }
  return out;
}

export function collect(suites: SuiteResult[], baseline: Baseline | undefined): Pick<EvalRun, 'metrics' | 'naive' | 'llm' | 'sizes' | 'accepted' | 'warnings'> {
  const metrics = { ...flatten(suites, 'product'), ...flatten(suites, 'bm25', true), ...flatten(suites, 'dense', true) };
  const naive = flatten(suites, 'naive');
  const llmFigures = flatten(suites, 'llm');
  const warnings: string[] = [];
  for (const [m, n] of Object.entries(naive)) {
    const p = metrics[m];
    if (p === undefined || m.includes('latency_')) continue;
    const lower = m.endsWith('.mae');
    if (lower ? n <= p + DISCRIMINATION_MARGIN : n >= p - DISCRIMINATION_MARGIN) {
      warnings.push(`${m}: the naive baseline (${n.toFixed(3)}) is within ${DISCRIMINATION_MARGIN} of the product (${p.toFixed(3)}) — this metric does not discriminate`);
    }
  }
  return {
    metrics,
    naive,
    llm: Object.keys(llmFigures).length ? llmFigures : undefined,
    sizes: Object.fromEntries(suites.map((s) => [s.suite, s.size])),
    accepted: baseline?.metrics ?? {},
    warnings,
  };
}
