import type { AcceptedLines, Baseline, BaselineEntry, Regression } from './gate.js';
import { mcnemar, type McNemar } from './stats.js';
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
  /** The descriptor baseline's figures under the product's names. */
  naive: Record<string, number>;
  /** The fair baseline's (bigram neighbours over the product's settled answers). */
  neighbours: Record<string, number>;
  /** Exact McNemar test against the accepted version's lines, per suite and per data set (`scoring/blind`). */
  paired: Record<string, McNemar>;
  /** Signals switched off in this run (`--ablate`). */
  ablated: string[];
  /** The LLM pass, when --llm. */
  llm?: Record<string, number>;
  /** Lines per suite and per data set. */
  sizes: Record<string, number>;
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

/** Headline metrics a baseline must not come near (breakdowns and diagnostics are left out of the warnings). */
const HEADLINE = /^[a-z]+\.((dev|test|parallel|questions_dev|questions_test)\.)?(exact|within1|qwk|mae|hit@5|mrr|completed|passed)$/;

export function collect(suites: SuiteResult[], baseline: Baseline | undefined, lines?: AcceptedLines): Pick<EvalRun, 'metrics' | 'naive' | 'neighbours' | 'llm' | 'sizes' | 'accepted' | 'warnings' | 'paired'> {
  const metrics = { ...flatten(suites, 'product'), ...flatten(suites, 'bm25', true), ...flatten(suites, 'dense', true) };
  const naive = flatten(suites, 'naive');
  const neighbours = flatten(suites, 'neighbours');
  const llmFigures = flatten(suites, 'llm');
  const warnings: string[] = [];
  for (const [label, figures] of [['descriptor baseline', naive], ['neighbours baseline', neighbours]] as const) {
    for (const [m, n] of Object.entries(figures)) {
      const p = metrics[m];
      if (p === undefined || !HEADLINE.test(m)) continue;
      const lower = m.endsWith('.mae');
      if (lower ? n <= p + DISCRIMINATION_MARGIN : n >= p - DISCRIMINATION_MARGIN) {
        warnings.push(`${m}: the ${label} (${n.toFixed(3)}) comes within ${DISCRIMINATION_MARGIN} of the product (${p.toFixed(3)}) or beats it — this metric does not tell the product apart`);
      }
    }
  }
  const paired: Record<string, McNemar> = {};
  for (const s of suites) {
    const before = lines?.suites[s.suite];
    if (!before || !s.lines) continue;
    const was = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v === 1]));
    paired[s.suite] = mcnemar(was, s.lines);
    for (const split of new Set(Object.keys(s.lines).map((k) => k.split('/')[0]!))) {
      const pick = (m: Record<string, boolean>) => Object.fromEntries(Object.entries(m).filter(([k]) => k.startsWith(`${split}/`)));
      paired[`${s.suite}/${split}`] = mcnemar(pick(was), pick(s.lines));
    }
  }
  return {
    metrics,
    naive,
    neighbours,
    llm: Object.keys(llmFigures).length ? llmFigures : undefined,
    sizes: Object.fromEntries(suites.flatMap((s) => [[s.suite, s.size], ...Object.entries(s.sizes ?? {})])),
    accepted: baseline?.metrics ?? {},
    warnings,
    paired,
  };
}
