import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { configureLog } from '../log.js';
import { compare, readBaseline, updatedBaseline, writeBaseline } from './gate.js';
import { loadAnswerCases, loadConversationCases, loadPersonaCases, loadRetrievalCases, loadScoringCases, withTag } from './load.js';
import { renderJunit } from './render/junit.js';
import { renderMarkdown } from './render/markdown.js';
import { renderText } from './render/text.js';
import { collect, type EvalRun } from './summary.js';
import { conversationSuite } from './suites/conversation.js';
import { retrievalSuite } from './suites/retrieval.js';
import { scoringSuite } from './suites/scoring.js';
import { buildSystems, UsageError } from './system.js';
import { SUITES, type Inject, type RunOptions, type SuiteName, type SuiteResult, type System } from './types.js';

/**
 * `wuyin eval [--suite retrieval|scoring|conversation] [--tag TAG] [--json] [--llm] [--update-baseline]`:
 * runs the suites against the offline default beside the naive baseline, writes the Markdown, JSON
 * and JUnit reports under evals/reports/, and exits 1 when a gated metric regressed (0 otherwise,
 * 2 for bad usage).
 */
const EVALS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_REPORT_DIR = path.join(EVALS_DIR, 'reports');
export const DEFAULT_BASELINE = path.join(EVALS_DIR, 'baseline.json');
/** Judge calls in flight at once in the LLM pass of the scoring suite. */
const LLM_PARALLEL = 6;
const USAGE = 'usage: wuyin eval [--suite retrieval|scoring|conversation] [--tag TAG] [--json] [--llm] [--update-baseline]';

export function parseOptions(args: string[]): RunOptions {
  const { values } = parseArgs({
    args,
    options: {
      suite: { type: 'string', multiple: true }, tag: { type: 'string' }, json: { type: 'boolean' }, llm: { type: 'boolean' },
      'update-baseline': { type: 'boolean' }, 'report-dir': { type: 'string' }, baseline: { type: 'string' },
    },
  });
  const suites = (values.suite ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const unknown = suites.filter((s) => !SUITES.includes(s as SuiteName));
  if (unknown.length) throw new UsageError(`unknown suite '${unknown.join("', '")}' (suites: ${SUITES.join(', ')})`);
  if (values.tag && values['update-baseline']) throw new UsageError('--update-baseline needs the full data sets: drop --tag');
  return {
    suites: suites.length ? SUITES.filter((s) => suites.includes(s)) : [...SUITES],
    tag: values.tag,
    llm: values.llm ?? false,
    json: values.json ?? false,
    updateBaseline: values['update-baseline'] ?? false,
    reportDir: values['report-dir'] ?? DEFAULT_REPORT_DIR,
    baselineFile: values.baseline ?? DEFAULT_BASELINE,
  };
}

/** Runs the chosen suites and applies the gate; writes nothing. */
export async function runEvals(o: Pick<RunOptions, 'suites' | 'tag' | 'llm' | 'baselineFile' | 'inject'>): Promise<EvalRun> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  // Load (and validate) every data set first: a broken line fails before any work is done.
  const data = {
    retrieval: o.suites.includes('retrieval') ? withTag(loadRetrievalCases(), o.tag) : [],
    scoring: o.suites.includes('scoring') ? withTag(loadScoringCases(), o.tag) : [],
    conversation: o.suites.includes('conversation') ? withTag(loadConversationCases(), o.tag) : [],
  };
  const baseline = readBaseline(o.baselineFile);
  const ran = o.suites.filter((name) => data[name].length > 0);
  const sys = await buildSystems({ llm: o.llm, inject: o.inject });
  const passes = (): Record<string, System> => ({ product: sys.product, ...(sys.llm ? { llm: sys.llm } : {}), naive: sys.naive });
  const suites: SuiteResult[] = [];
  try {
    for (const name of ran) {
      if (name === 'retrieval') {
        const stats = sys.retriever.stats();
        const answers = { cases: withTag(loadAnswerCases(), o.tag), deps: { rubric: sys.product.rubric, scorer: sys.product.scorer, retrieval: sys.product.retriever } };
        suites.push(await retrievalSuite({ product: sys.product.retriever, modes: sys.product.modes, naive: sys.naive.retriever, queries: data.retrieval, passages: stats.passages, embedder: stats.embedderId, answers }));
      } else if (name === 'scoring') {
        suites.push(await scoringSuite(Object.fromEntries(Object.entries(passes()).map(([k, s]) => [k, s.scorer])), data.scoring, { llm: LLM_PARALLEL }));
      } else {
        suites.push(await conversationSuite(passes(), data.conversation, withTag(loadPersonaCases(), o.tag)));
      }
    }
  } finally {
    await sys.close();
  }
  const collected = collect(suites, baseline);
  for (const s of suites) {
    const was = baseline?.sizes[s.suite];
    if (!o.tag && was !== undefined && was !== s.size) collected.warnings.push(`${s.suite}: ${s.size} cases, the baseline was taken on ${was} — after adding cases, accept the new figures with --update-baseline`);
  }
  const gated = !o.tag;
  // An emptied data set must not pass silently: every requested suite is held to its figures.
  const regressions = gated ? compare(baseline, collected.metrics, o.suites) : [];
  return { startedAt, ms: performance.now() - t0, tag: o.tag, suites, ...collected, gated, regressions };
}

/** The JSON report: figures by `suite.metric`, the naive baseline's as `baseline`, the gate's verdict. */
export function jsonReport(run: EvalRun): Record<string, unknown> {
  return {
    metrics: run.metrics, sizes: run.sizes, baseline: run.naive, ...(run.llm ? { llm: run.llm } : {}),
    accepted: Object.fromEntries(Object.entries(run.accepted).map(([k, e]) => [k, e.value])),
    regressions: run.regressions, warnings: run.warnings, gated: run.gated, tag: run.tag ?? null,
    startedAt: run.startedAt, ms: Math.round(run.ms),
    details: Object.fromEntries(run.suites.map((s) => [s.suite, { notes: s.notes, ...s.details }])),
  };
}

function writeReports(run: EvalRun, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = run.startedAt.replace(/[:.]/g, '-');
  const json = JSON.stringify(jsonReport(run), null, 2) + '\n';
  const md = renderMarkdown(run);
  const files: Array<[string, string]> = [[`eval-${stamp}.md`, md], [`eval-${stamp}.json`, json], ['latest.md', md], ['latest.json', json], ['junit.xml', renderJunit(run)]];
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  return files.map(([name]) => path.join(dir, name));
}

export async function run(args: string[], inject?: Inject): Promise<number> {
  let o: RunOptions;
  try {
    o = { ...parseOptions(args), inject };
  } catch (err) {
    process.stderr.write(`wuyin eval: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  configureLog({ level: 'error' });
  let result: EvalRun;
  try {
    result = await runEvals(o);
  } catch (err) {
    if (err instanceof UsageError) { process.stderr.write(`wuyin eval: ${err.message}\n`); return 2; }
    throw err;
  }
  const files = writeReports(result, o.reportDir);
  if (o.json) process.stdout.write(JSON.stringify({ ...jsonReport(result), details: undefined, reports: files }, null, 2) + '\n');
  else process.stdout.write(renderText(result) + `reports: ${path.relative(process.cwd(), o.reportDir) || '.'}/ (${files.map((f) => path.basename(f)).join(', ')})\n`);
  if (o.updateBaseline) {
    if (inject) throw new Error('refusing to write a baseline from an injected (degraded) system');
    const next = updatedBaseline(readBaseline(o.baselineFile), result.metrics, result.sizes, result.suites.map((s) => s.suite));
    writeBaseline(o.baselineFile, next);
    process.stderr.write(`wuyin eval: wrote ${path.relative(process.cwd(), o.baselineFile)} (${Object.keys(next.metrics).length} metrics)\n`);
    return 0;
  }
  return result.regressions.length ? 1 : 0;
}
