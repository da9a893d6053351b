import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { configureLog } from '../log.js';
import { SIGNALS, type Signal } from '../knowledge/types.js';
import { compare, linesFileOf, lowered, readBaseline, readLines, updatedBaseline, writeBaseline, writeLines } from './gate.js';
import { DATASETS_DIR, loadAnswerCases, loadConversationCases, loadPersonaCases, loadRealData, loadRetrievalCases, loadScoringCases, withTag } from './load.js';
import { realSuite } from './suites/real.js';
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
const USAGE = 'usage: wuyin eval [--suite retrieval|scoring|conversation|real] [--tag TAG] [--json] [--llm] [--ablate hints|examples|lexicon|cues|dense] [--update-baseline [--accept-drop "<reason>"]]';

export function parseOptions(args: string[]): RunOptions {
  const { values } = parseArgs({
    args,
    options: {
      suite: { type: 'string', multiple: true }, tag: { type: 'string' }, json: { type: 'boolean' }, llm: { type: 'boolean' },
      'update-baseline': { type: 'boolean' }, 'report-dir': { type: 'string' }, baseline: { type: 'string' },
      ablate: { type: 'string', multiple: true }, 'accept-drop': { type: 'string' }, datasets: { type: 'string' },
    },
  });
  const ablate = (values.ablate ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const unknownSignal = ablate.filter((s) => !SIGNALS.includes(s as Signal));
  if (unknownSignal.length) throw new UsageError(`unknown signal '${unknownSignal.join("', '")}' for --ablate (signals: ${SIGNALS.join(', ')})`);
  if (ablate.length && values['update-baseline']) throw new UsageError('--update-baseline records the product, not an ablation: drop --ablate');
  if (values['accept-drop'] !== undefined && !values['accept-drop'].trim()) throw new UsageError('--accept-drop needs a reason');
  if (values['accept-drop'] !== undefined && !values['update-baseline']) throw new UsageError('--accept-drop only goes with --update-baseline');
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
    ablate: ablate as Signal[],
    acceptDrop: values['accept-drop']?.trim(),
    datasetsDir: values.datasets,
  };
}

/** Runs the chosen suites and applies the gate; writes nothing. */
export async function runEvals(o: Pick<RunOptions, 'suites' | 'tag' | 'llm' | 'baselineFile' | 'inject' | 'datasetsDir'> & { ablate?: Signal[] }): Promise<EvalRun> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const root = o.datasetsDir ?? DATASETS_DIR;
  // Load (and validate) every data set first: a broken line fails before any work is done.
  const dirOf = (name: string) => path.join(root, name);
  const has = (name: string) => fs.existsSync(dirOf(name));
  const realData = o.suites.includes('real') ? loadRealData(dirOf('real')) : undefined;
  const real = realData ? {
    scoring: { dev: withTag(realData.scoring.dev, o.tag), test: withTag(realData.scoring.test, o.tag), parallel: withTag(realData.scoring.parallel, o.tag) },
    questions: { dev: withTag(realData.questions.dev, o.tag), test: withTag(realData.questions.test, o.tag) },
    secondRater: realData.secondRater,
  } : undefined;
  const data = {
    retrieval: o.suites.includes('retrieval') && has('retrieval') ? withTag(loadRetrievalCases(dirOf('retrieval')), o.tag) : [],
    scoring: o.suites.includes('scoring') && has('scoring') ? withTag(loadScoringCases(dirOf('scoring')), o.tag) : [],
    conversation: o.suites.includes('conversation') && has('conversation') ? withTag(loadConversationCases(dirOf('conversation')), o.tag) : [],
    real: real ? [...Object.values(real.scoring), ...Object.values(real.questions)].flat() : [],
  };
  const baseline = readBaseline(o.baselineFile);
  const ran = o.suites.filter((name) => data[name].length > 0);
  const sys = await buildSystems({ llm: o.llm, inject: o.inject, ablate: o.ablate });
  const passes = (): Record<string, System> => ({ product: sys.product, ...(sys.llm ? { llm: sys.llm } : {}), naive: sys.naive });
  const scorers = () => ({ product: sys.product.scorer, ...(sys.llm ? { llm: sys.llm.scorer } : {}), neighbours: sys.neighbours, naive: sys.naive.scorer });
  const suites: SuiteResult[] = [];
  try {
    for (const name of ran) {
      if (name === 'retrieval') {
        const stats = sys.retriever.stats();
        const answers = { cases: withTag(loadAnswerCases(), o.tag), deps: { rubric: sys.product.rubric, scorer: sys.product.scorer, retrieval: sys.product.retriever } };
        suites.push(await retrievalSuite({ product: sys.product.retriever, modes: sys.product.modes, naive: sys.naive.retriever, queries: data.retrieval, passages: stats.passages, embedder: stats.embedderId, answers }));
      } else if (name === 'scoring') {
        suites.push(await scoringSuite(scorers(), data.scoring, { llm: LLM_PARALLEL }));
      } else if (name === 'real') {
        suites.push(await realSuite({ scorers: scorers(), searchers: { product: sys.product.retriever, neighbours: sys.questionNeighbours, naive: sys.naive.retriever }, data: real! }));
      } else {
        suites.push(await conversationSuite(passes(), data.conversation, withTag(loadPersonaCases(), o.tag)));
      }
    }
  } finally {
    await sys.close();
  }
  const collected = collect(suites, baseline, readLines(linesFileOf(o.baselineFile)));
  for (const s of suites) {
    const was = baseline?.sizes[s.suite];
    if (!o.tag && was !== undefined && was < s.size) collected.warnings.push(`${s.suite}: ${s.size} cases, the baseline was taken on ${was} — after adding cases, accept the new figures with --update-baseline`);
  }
  const gated = !o.tag;
  // An emptied or shrunk data set must not pass silently: every requested suite is held to its figures.
  const regressions = gated ? compare(baseline, collected.metrics, o.suites, collected.sizes) : [];
  return { startedAt, ms: performance.now() - t0, tag: o.tag, suites, ...collected, gated, regressions, ablated: o.ablate ?? [] };
}

/** The JSON report: figures by `suite.metric`, the naive baseline's as `baseline`, the gate's verdict. */
export function jsonReport(run: EvalRun): Record<string, unknown> {
  return {
    metrics: run.metrics, sizes: run.sizes, baseline: run.naive, neighbours: run.neighbours, ...(run.llm ? { llm: run.llm } : {}),
    intervals: Object.fromEntries(run.suites.flatMap((s) => Object.entries(s.intervals ?? {}).map(([k, v]) => [`${s.suite}.${k}`, v]))),
    paired: run.paired, ablated: run.ablated,
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
    const ranSuites = result.suites.map((s) => s.suite);
    const old = readBaseline(o.baselineFile);
    const drops = lowered(old, result.metrics, result.sizes, ranSuites);
    if (drops.length && !o.acceptDrop) {
      const list = drops.map((d) => `  ${d.metric}: ${d.from} → ${d.to ?? 'gone'}`).join('\n');
      process.stderr.write(`wuyin eval: refusing to lower ${drops.length} accepted figure(s):\n${list}\nrerun with --accept-drop "<reason>" to accept them; the reason is recorded in the baseline\n`);
      return 1;
    }
    const counts = Object.fromEntries(result.suites.flatMap((s) => Object.entries(s.counts ?? {}).map(([k, n]) => [`${s.suite}.${k}`, n])));
    const next = updatedBaseline(old, result.metrics, result.sizes, ranSuites, new Date(), counts, o.acceptDrop ? { reason: o.acceptDrop, drops } : undefined);
    writeBaseline(o.baselineFile, next);
    const linesFile = linesFileOf(o.baselineFile);
    writeLines(linesFile, readLines(linesFile), Object.fromEntries(result.suites.flatMap((s) => (s.lines ? [[s.suite, s.lines]] : []))));
    process.stderr.write(`wuyin eval: wrote ${path.relative(process.cwd(), o.baselineFile)} (${Object.keys(next.metrics).length} metrics${drops.length ? `, ${drops.length} accepted drop(s)` : ''}) and ${path.basename(linesFile)}\n`);
    return 0;
  }
  return result.regressions.length ? 1 : 0;
}
