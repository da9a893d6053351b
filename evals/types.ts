import type { Llm } from '../bot/deps.js';
import type { Scorer } from '../bot/interview/scorer.js';
import type { Rubric, Signal } from '../knowledge/types.js';
import type { Retriever, SearchMode } from '../retrieval/retriever.js';
import type { SearchFilter, SearchHit } from '../retrieval/types.js';

/**
 * Shared shapes of the eval runner: what a suite receives (a system under test), what it returns
 * (figures per column), and the options of one run.
 */
export type SuiteName = 'retrieval' | 'scoring' | 'conversation' | 'real';
export const SUITES: SuiteName[] = ['retrieval', 'scoring', 'conversation', 'real'];

/** Figures keyed by short name within a suite: `hit@5`, `exact`, `latency_p95_ms`. */
export type Figures = Record<string, number>;

/** Anything that searches like the product retriever; naive and degraded retrievers too. */
export interface Searcher {
  search(query: string, opts?: { k?: number; mode?: SearchMode; filter?: SearchFilter }): Promise<SearchHit[]>;
}

/** One system under test: the product offline, the product with the LLM judge, or a baseline. */
export interface System {
  label: string;
  rubric: Rubric;
  retriever: Searcher;
  scorer: Scorer;
  llm?: Llm;
  /** Whether `search` honours `mode` (the product does; baselines ignore it). */
  modes: boolean;
}

/**
 * A suite's result. `columns.product` holds the gated figures; other columns (`bm25`, `dense`,
 * `llm`, `naive`) are printed beside it.
 */
export interface SuiteResult {
  suite: SuiteName;
  size: number;
  columns: Record<string, Figures>;
  /** Suite-specific tables and failures for the Markdown/JSON reports. */
  details: Record<string, unknown>;
  notes: string[];
  /** 95 % bootstrap intervals of the product's headline figures, by short metric name. */
  intervals?: Record<string, [number, number]>;
  /** Lines behind a breakdown figure, by short metric name: the gate allows such a figure one line of slack. */
  counts?: Record<string, number>;
  /** The product's per-line correctness (`split/id` → right), for the paired test against the accepted version. */
  lines?: Record<string, boolean>;
  /** Size of every data set the suite read (`scoring/blind`, `real/scoring-test`): the gate fails when one shrinks. */
  sizes?: Record<string, number>;
}

/** Test seams: replace parts of the product with degraded ones, or an LLM with a fake. */
export interface Inject {
  scorer?: (product: Scorer) => Scorer;
  retriever?: (product: Retriever) => Searcher;
  llm?: Llm;
}

export interface RunOptions {
  suites: SuiteName[];
  /** Signals switched off everywhere they act (`--ablate hints,examples`). */
  ablate: Signal[];
  /** `--accept-drop "<reason>"`: lets --update-baseline lower accepted figures, recording why. */
  acceptDrop?: string;
  /** Root of the data sets (scoring/, retrieval/, conversation/, real/); tests point it at a subset. */
  datasetsDir?: string;
  tag?: string;
  llm: boolean;
  json: boolean;
  updateBaseline: boolean;
  reportDir: string;
  baselineFile: string;
  inject?: Inject;
}
