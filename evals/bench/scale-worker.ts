import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../knowledge/load.js';
import type { Logger } from '../../log.js';
import { loadCorpus } from '../../retrieval/corpus.js';
import { loadEvalQueries, scoreRanking } from '../../retrieval/metrics.js';
import { createRetriever } from '../../retrieval/retriever.js';
import { openState } from '../../retrieval/state.js';
import { IndexTooLargeError } from '../../retrieval/build-budget.js';
import { HNSW_EF_SEARCH } from '../../retrieval/index-store.js';
import { writeIngestDocument, writeScaleCorpus } from './scale-corpus.js';
import { round, summarise } from './stats.js';

/**
 * One size of the index-scaling bench, in its own process so its peak resident set is its own:
 *   build DIR SCALE   write the synthetic corpus, then time a forced index build
 *   query DIR         time the load, hybrid queries, HNSW against the exact scan, hit@5, an ingest
 * Prints one JSON line.
 */
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU time of this process (all threads) in ms: wall times on a loaded machine are not comparable. */
const cpuMs = (since?: NodeJS.CpuUsage) => { const c = process.cpuUsage(since); return (c.user + c.system) / 1000; };
const load1 = () => Math.round(os.loadavg()[0]! * 10) / 10;

async function build(dataDir: string, scale: number) {
  const gen = await writeScaleCorpus(dataDir, scale);
  const rubric = loadRubric();
  const rssBefore = peakMb();
  let t = performance.now();
  const corpus = await loadCorpus(rubric, dataDir);
  const corpusMs = performance.now() - t;
  const loadBefore = load1();
  t = performance.now();
  const c = process.cpuUsage();
  let state;
  try {
    state = await openState({ dataDir, corpus, force: true, log: quiet });
  } catch (err) {
    // The build budget's refusal is a result (the 1 000× corpus on a small machine), reported with how long it took to say no.
    if (!(err instanceof IndexTooLargeError)) throw err;
    return { scale, passages: corpus.passages.length, chars: gen.chars, refused: err.message, estimate: err.estimate, refused_after_ms: round(performance.now() - t), peak_rss_mb: peakMb() };
  }
  const buildCpu = cpuMs(c);
  const buildMs = performance.now() - t;
  return {
    scale, passages: corpus.passages.length, chars: gen.chars, files: gen.files, lexicon: gen.lexicon,
    lsa_vocabulary: state.lsa?.vocabularySize ?? 0, lsa_fitted_on: state.lsa?.sampledPassages ?? 0,
    corpus_ms: round(corpusMs), build_ms: round(buildMs), build_cpu_ms: round(buildCpu), peak_rss_mb: peakMb(),
    rss_before_build_mb: rssBefore, load_avg: [loadBefore, load1()],
  };
}

function exactTopK(vectors: Float32Array[], q: Float32Array, k: number): number[] {
  const best: Array<[number, number]> = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    let dot = 0;
    for (let c = 0; c < v.length; c++) dot += v[c]! * q[c]!;
    if (best.length < k || dot > best[best.length - 1]![0]) {
      best.push([dot, i]);
      best.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      if (best.length > k) best.pop();
    }
  }
  return best.map(([, i]) => i);
}

async function query(dataDir: string) {
  const rubric = loadRubric();
  const loadBefore = load1();
  let t = performance.now();
  let c = process.cpuUsage();
  const corpus = await loadCorpus(rubric, dataDir);
  const corpusMs = performance.now() - t;
  const corpusCpu = cpuMs(c);
  t = performance.now();
  c = process.cpuUsage();
  const state = await openState({ dataDir, corpus, log: quiet });
  const loadMs = performance.now() - t;
  const loadCpu = cpuMs(c);
  if (state.built) throw new Error(`the stored index did not load: ${state.reason}`);
  const queries = loadEvalQueries();

  // ANN against the exact scan, over the LSA vectors of the eval queries.
  const vecs = queries.map((q) => state.lsa!.embedTokens(state.tokenizer.tokens(q.query))).filter((v) => v.some((x) => x !== 0));
  const exact: number[] = [];
  const truth = vecs.map((v) => {
    const s = performance.now();
    const e = exactTopK(state.vectors, v, 5);
    exact.push(performance.now() - s);
    return new Set(e);
  });
  // Bare top 5 at several search widths; the index's own ef (HNSW_EF_SEARCH) is the one reported.
  const efs = [...new Set([32, 64, 128, HNSW_EF_SEARCH, 256])].sort((a, b) => a - b);
  const sweep = efs.map((ef) => {
    state.index.setEf(ef);
    const ms: number[] = [];
    let hits = 0;
    vecs.forEach((v, q) => {
      const arr = Array.from(v);
      const s = performance.now();
      const h = state.index.searchKnn(arr, 5).neighbors;
      ms.push(performance.now() - s);
      hits += h.filter((i) => truth[q]!.has(i)).length / truth[q]!.size;
    });
    return { ef, recall_at_5: Math.round((hits / vecs.length) * 10000) / 10000, time: summarise(ms) };
  });
  state.index.setEf(HNSW_EF_SEARCH);
  const chosen = sweep.find((x) => x.ef === HNSW_EF_SEARCH)!;
  const hnsw = chosen.time;
  const recall = chosen.recall_at_5;

  // Hybrid queries as the bot runs them (a retriever over the same stored index), and hit@5.
  t = performance.now();
  const retriever = await createRetriever({ dataDir, rubric, log: quiet });
  const retrieverOpenMs = performance.now() - t;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let hit5 = 0;
  const queryLoad = load1();
  // Round 0 warms the JIT and is not timed (a serving process is warm); rounds 1–3 are.
  for (let round = 0; round < 4; round++) {
    for (const q of queries) {
      const s = performance.now();
      const c = process.cpuUsage();
      const hits = await retriever.search(q.query, { k: 10 });
      const cpu = cpuMs(c);
      if (round > 0) { times.push(performance.now() - s); cpuTimes.push(cpu); }
      if (round === 0) hit5 += scoreRanking(hits.map((h) => h.id), q.gold).hit5;
    }
  }

  // One 50-page document into the loaded index.
  const doc = path.join(os.tmpdir(), `wuyin-scale-ingest-${process.pid}.md`);
  const docChars = await writeIngestDocument(doc);
  t = performance.now();
  c = process.cpuUsage();
  const ingested = await retriever.ingest(doc);
  const ingestMs = performance.now() - t;
  const ingestCpu = cpuMs(c);
  fs.rmSync(doc, { force: true });
  const folded = retriever.stats();

  return {
    corpus_ms: round(corpusMs), corpus_cpu_ms: round(corpusCpu), load_ms: round(loadMs), load_cpu_ms: round(loadCpu),
    retriever_open_ms: round(retrieverOpenMs),
    hybrid: summarise(times), hybrid_cpu: summarise(cpuTimes), hnsw, exact: summarise(exact), hnsw_sweep: sweep,
    recall_at_5: recall, hnsw_ef: HNSW_EF_SEARCH,
    hit_at_5: Math.round((hit5 / queries.length) * 1000) / 1000, queries: queries.length,
    ingest: { chars: docChars, passages: ingested.passages, ms: round(ingestMs), cpu_ms: round(ingestCpu), rebuilt: folded.built },
    peak_rss_mb: peakMb(), load_avg: [loadBefore, queryLoad, load1()],
  };
}

const [mode, dir, scale] = process.argv.slice(2);
const out = mode === 'build' ? await build(dir!, Number(scale)) : await query(dir!);
process.stdout.write(JSON.stringify(out) + '\n');
