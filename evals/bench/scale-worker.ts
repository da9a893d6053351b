import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../knowledge/load.js';
import type { Logger } from '../../log.js';
import { loadCorpus } from '../../retrieval/corpus.js';
import { loadEvalQueries, scoreRanking } from '../../retrieval/metrics.js';
import { createRetriever } from '../../retrieval/retriever.js';
import { openState } from '../../retrieval/state.js';
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

async function build(dataDir: string, scale: number) {
  const gen = await writeScaleCorpus(dataDir, scale);
  const rubric = loadRubric();
  const rssBefore = peakMb();
  let t = performance.now();
  const corpus = await loadCorpus(rubric, dataDir);
  const corpusMs = performance.now() - t;
  t = performance.now();
  const state = await openState({ dataDir, corpus, force: true, log: quiet });
  const buildMs = performance.now() - t;
  return {
    scale, passages: corpus.passages.length, chars: gen.chars, files: gen.files, lexicon: gen.lexicon,
    lsa_vocabulary: state.lsa?.vocabularySize ?? 0,
    corpus_ms: round(corpusMs), build_ms: round(buildMs), peak_rss_mb: peakMb(), rss_before_build_mb: rssBefore,
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
  let t = performance.now();
  const corpus = await loadCorpus(rubric, dataDir);
  const corpusMs = performance.now() - t;
  t = performance.now();
  const state = await openState({ dataDir, corpus, log: quiet });
  const loadMs = performance.now() - t;
  if (state.built) throw new Error(`the stored index did not load: ${state.reason}`);
  const queries = loadEvalQueries();

  // ANN against the exact scan, over the LSA vectors of the eval queries.
  const vecs = queries.map((q) => state.lsa!.embedTokens(state.tokenizer.tokens(q.query))).filter((v) => v.some((x) => x !== 0));
  const hnsw: number[] = [];
  const exact: number[] = [];
  let recall = 0;
  for (const v of vecs) {
    const arr = Array.from(v);
    let s = performance.now();
    const h = state.index.searchKnn(arr, 5).neighbors;
    hnsw.push(performance.now() - s);
    s = performance.now();
    const e = exactTopK(state.vectors, v, 5);
    exact.push(performance.now() - s);
    const set = new Set(e);
    recall += h.filter((i) => set.has(i)).length / e.length;
  }

  // Hybrid queries as the bot runs them (a retriever over the same stored index), and hit@5.
  t = performance.now();
  const retriever = await createRetriever({ dataDir, rubric, log: quiet });
  const retrieverOpenMs = performance.now() - t;
  const times: number[] = [];
  let hit5 = 0;
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const s = performance.now();
      const hits = await retriever.search(q.query, { k: 10 });
      times.push(performance.now() - s);
      if (round === 0) hit5 += scoreRanking(hits.map((h) => h.id), q.gold).hit5;
    }
  }

  // One 50-page document into the loaded index.
  const doc = path.join(os.tmpdir(), `wuyin-scale-ingest-${process.pid}.md`);
  const docChars = await writeIngestDocument(doc);
  t = performance.now();
  const ingested = await retriever.ingest(doc);
  const ingestMs = performance.now() - t;
  fs.rmSync(doc, { force: true });
  const folded = retriever.stats();

  return {
    corpus_ms: round(corpusMs), load_ms: round(loadMs), retriever_open_ms: round(retrieverOpenMs),
    hybrid: summarise(times), hnsw: summarise(hnsw), exact: summarise(exact),
    recall_at_5: Math.round((recall / vecs.length) * 10000) / 10000,
    hit_at_5: Math.round((hit5 / queries.length) * 1000) / 1000, queries: queries.length,
    ingest: { chars: docChars, passages: ingested.passages, ms: round(ingestMs), rebuilt: folded.built },
    peak_rss_mb: peakMb(),
  };
}

const [mode, dir, scale] = process.argv.slice(2);
const out = mode === 'build' ? await build(dir!, Number(scale)) : await query(dir!);
process.stdout.write(JSON.stringify(out) + '\n');
