import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { isIndicatorId, loadRubric, resolveElement } from '../knowledge/load.js';
import type { PillarId } from '../knowledge/types.js';
import { prepareQuery, QueryError } from '../retrieval/hybrid.js';
import { configuredRetriever } from '../retrieval/configured.js';
import type { SearchFilter, SearchHit } from '../retrieval/types.js';

/**
 * `wuyin search "<query>" [--k 5] [--pillar N] [--indicator P.I] [--element 零售|retail] [--kind lvl:] [--json]`.
 * Exit 2 for bad usage (empty query, bad filter), so scripts can tell it from a failure.
 */
const USAGE = 'usage: wuyin search "<query>" [--k 5] [--pillar 1-5] [--indicator 4.3] [--element 零售|retail] [--kind lvl:] [--json]';

function usageError(msg: string): number {
  process.stderr.write(`wuyin search: ${msg}\n${USAGE}\n`);
  return 2;
}

function label(h: SearchHit): string {
  const s = h.source;
  if (s.file) return `your file ${s.file}`;
  const parts = [s.section];
  if (s.indicator) parts.push(`指标 ${s.indicator}`);
  if (s.level) parts.push(`${s.level}级`);
  return parts.join(' › ');
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        k: { type: 'string' }, pillar: { type: 'string' }, indicator: { type: 'string' },
        element: { type: 'string' }, kind: { type: 'string', multiple: true }, json: { type: 'boolean' },
      },
    });
  } catch (err) {
    return usageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  let notes: string[];
  try {
    notes = prepareQuery(positionals.join(' ')).notes;
  } catch (err) {
    if (err instanceof QueryError) return usageError(err.message);
    throw err;
  }
  const k = values.k === undefined ? 5 : Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) return usageError(`--k must be a whole number from 1 to 50, got '${values.k}'`);

  const rubric = loadRubric();
  const filter: SearchFilter = {};
  if (values.pillar !== undefined) {
    const p = Number(values.pillar);
    if (!Number.isInteger(p) || p < 1 || p > 5) return usageError(`--pillar must be 1-5, got '${values.pillar}'`);
    filter.pillar = p as PillarId;
  }
  if (values.indicator !== undefined) {
    if (!isIndicatorId(values.indicator)) return usageError(`--indicator must look like 4.3, got '${values.indicator}'`);
    filter.indicator = values.indicator;
  }
  if (values.element !== undefined) {
    const e = resolveElement(rubric, values.element);
    if (!e) return usageError(`unknown --element '${values.element}' (use an id like retail, or a name like 零售)`);
    filter.element = e;
  }
  if (values.kind) filter.kinds = values.kind;

  const corpus = await configuredRetriever(loadConfig(), { rubric });
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  const hits = await corpus.retriever.search(positionals.join(' '), { k, filter }).finally(() => corpus.close());
  if (values.json) {
    process.stdout.write(JSON.stringify(hits.map((h) => ({ id: h.id, score: h.score, text: h.text, source: h.source })), null, 2) + '\n');
    return 0;
  }
  if (hits.length === 0) {
    process.stdout.write('No matching passages.\n');
    return 0;
  }
  const out = hits.map((h, i) => {
    const text = h.text.replace(/\s+/g, ' ');
    return `${i + 1}. ${label(h)}  [${h.id}, score ${h.score.toFixed(2)}]\n   ${text.length > 200 ? text.slice(0, 200) + '…' : text}`;
  });
  process.stdout.write(out.join('\n\n') + '\n');
  return 0;
}
