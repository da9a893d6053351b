import { loadConfig } from '../config.js';
import type { Rubric } from '../knowledge/types.js';
import { logger } from '../log.js';
import type { Logger } from '../log.js';
import type { Bm25Params } from './bm25.js';
import { loadCorpus, userFileName } from './corpus.js';
import { extractText } from './extract.js';
import type { SourceKind } from './extract.js';
import { deleteSource, listSources, storeSource } from './sources.js';
import type { SourceRecord } from './sources.js';
import { mirrorSources } from './shared-corpus.js';
import type { SharedCorpus } from './shared-corpus.js';
import { DEFAULT_FUSION, dedupeOverlaps, fuse, fusionFor, liftIndicators, matchesFilter, prepareQuery, spreadIndicators }
  from './hybrid.js';
import type { Fusion } from './hybrid.js';
import type { LsaParams } from './lsa-embedder.js';
import { buildOffThread, extractOffThread } from './rebuild.js';
import { IndexTooLargeError } from './build-budget.js';
import { openState } from './state.js';
import type { SearchState } from './state.js';
import type { Tokenizer } from './tokenize.js';
import type { Embedder, Passage, SearchFilter, SearchHit } from './types.js';
import { buildEnglishMap, englishExpansion } from './vocabulary.js';
import { applyPrior, kindPrior } from './intent-prior.js';
import { focusQuery, isFocusedQuestion, units } from './keyphrases.js';
import { topK } from './topk.js';
import { toSimplified } from './simplified.js';
import type { EnglishMap } from './vocabulary.js';
import type { Signal } from '../knowledge/types.js';

/**
 * Hybrid retrieval over the whitepaper and the user's own material: BM25 and dense vectors,
 * fused into one 0..1 score per passage.
 */
export type SearchMode = 'hybrid' | 'bm25' | 'dense';

export interface SearchOptions {
  k?: number;
  filter?: SearchFilter;
  /** Single-signal modes exist for measurement; callers want the default. */
  mode?: SearchMode;
  /** Boost for passages of the kind the question asks for (1 = off); see intent-prior.ts. */
  kindBoost?: number;
}

export interface PassageScore {
  id: string;
  bm25: number;
  dense: number;
  fused: number;
}

export interface RetrieverStats {
  embedderId: string;
  passages: number;
  /** True when this process built the index instead of loading it. */
  built: boolean;
  reason?: string;
  ms: number;
}

export interface Retriever {
  search(query: string, opts?: SearchOptions): Promise<SearchHit[]>;
  /** Scores named passages against a query, e.g. an interview answer against one indicator's five levels. */
  scorePassages(query: string, ids: string[]): Promise<PassageScore[]>;
  passage(id: string): Passage | undefined;
  passages(): Passage[];
  /** Adds a .md/.txt/.pdf/.docx file to the corpus (its text kept under <dataDir>/user/) and rebuilds the index. */
  ingest(file: string): Promise<IngestResult>;
  /** Ingested material with its passage counts. */
  sources(): Array<SourceRecord & { passages: number }>;
  /** Removes an ingested source by name and rebuilds the index; false when there is none. */
  remove(name: string): Promise<boolean>;
  stats(): RetrieverStats;
  /**
   * With a shared corpus: reads its version and, when it moved, mirrors the new material and
   * reopens the index (fold-in or rebuild); true when the corpus changed. Without one: false.
   */
  refresh(): Promise<boolean>;
  /** The index's tokenizer (jieba with the corpus-pruned dictionary), for callers that match against the same texts. */
  tokenizer(): Tokenizer;
}

export interface IngestResult {
  file: string;
  kind: SourceKind;
  passages: number;
  /** PDF only: pages that had no text layer (left out). */
  emptyPages?: number;
}

export interface RetrieverOptions {
  /** Largest file `ingest` accepts, checked before reading (default WUYIN_MAX_INGEST_BYTES). */
  maxIngestBytes?: number;
  dataDir: string;
  embedder?: Embedder;
  log?: Logger;
  /** Defaults to knowledge/rubric.json via loadRubric(). */
  rubric?: Rubric;
  /** Rebuild even when the stored index is valid. */
  rebuild?: boolean;
  fusion?: Fusion;
  bm25?: Bm25Params;
  /** Parameters of the built-in LSA embedder (ignored when `embedder` is given). */
  lsa?: LsaParams;
  /** Ingested material kept in PostgreSQL for every replica; dataDir is then this replica's cache of it. */
  shared?: SharedCorpus;
  /** Smallest fitted corpus whose ingests fold in instead of refitting (state.ts FOLD_IN_FROM). */
  foldInFrom?: number;
  /** Signals to leave out, for the eval's ablations: level hints in the index, the English lexicon, dense vectors. */
  without?: ReadonlySet<Signal>;
  /**
   * Build the index of an ingest, a removal or a shared-corpus change in a worker thread (rebuild.ts), so
   * the event loop keeps serving; searches use the previous index meanwhile. The bot sets it; one-shot
   * commands build in place. Ignored with an explicit `embedder`, which cannot cross to a thread.
   */
  offThread?: boolean;
}

const MAX_K = 50;
const KIND_BOOST = 1.25;
/**
 * An indicator's own passage scores at least this share of its best level passage (hybrid.ts
 * liftIndicators). Chosen on the real questions' dev split (hit@5 0.794 → 0.853, MRR 0.631 → 0.659;
 * 0.7–1.0 tried); the synthetic queries lose 0.006 hit@5.
 */
const INDICATOR_LIFT = 0.9;
/**
 * Weight of the settled answers' field (passages.ts) added to the passage's BM25 score. Chosen on
 * the real questions' dev split (hit@5 0.958 → 0.972, MRR 0.730 → 0.766; 0.15–1.0 tried): higher
 * still helps dev but costs the synthetic queries more than their tolerance (1.0: MRR −0.032).
 */
export const SETTLED_WEIGHT = 0.6;
/**
 * Weight of the settled questions' field (passages.ts) added to the passage's BM25 score, apart from the
 * answers' weight: a real question asked before in the same words is evidence of the need. Chosen on the
 * real questions' dev split with 70 settled questions (hit@5 / MRR without the field 0.913 / 0.727; 0.6:
 * 0.913 / 0.736, 0.8: 0.924 / 0.742, 1.0: 0.935 / 0.738, 1.2: 0.924 / 0.738, 2: 0.924 / 0.761, 3: 0.935 /
 * 0.772, 5: 0.902 / 0.753); above 1.2 the synthetic queries lose hit@1 (2.5: 0.839 → 0.809).
 */
export const ASKED_WEIGHT = 1.0;

async function defaultEmbedder(): Promise<Embedder | undefined> {
  const model = loadConfig().WUYIN_EMBEDDING_MODEL;
  if (!model) return undefined;
  const { TransformersEmbedder } = await import('./transformers-embedder.js');
  return TransformersEmbedder.create(model);
}

async function defaultRubric(): Promise<Rubric> {
  const { loadRubric } = await import('../knowledge/load.js');
  return loadRubric();
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export async function createRetriever(opts: RetrieverOptions): Promise<Retriever> {
  const log = opts.log ?? logger('retrieval');
  const rubric = opts.rubric ?? (await defaultRubric());
  const embedder = opts.embedder ?? (await defaultEmbedder());
  const fusion = opts.fusion ?? DEFAULT_FUSION;
  const without = opts.without ?? new Set<Signal>();
  const englishMap: EnglishMap = buildEnglishMap(rubric, { lexicon: !without.has('lexicon') });
  const onSkip = (file: string, why: string) => log.warn(`skipping user file ${file}: ${why}`);
  // What the index holds, the same for a build here and one off the main thread.
  const indexed = { hints: !without.has('hints'), examples: !without.has('examples') };

  const open = async (force: boolean, previous?: SearchState) => {
    const corpus = await loadCorpus(rubric, opts.dataDir, onSkip, indexed);
    return openState({ dataDir: opts.dataDir, corpus, embedder, bm25: opts.bm25, lsa: opts.lsa, force, foldInFrom: opts.foldInFrom, previous, log });
  };
  const shared = opts.shared;
  let version = -1;
  if (shared) {
    const snap = await shared.snapshot();
    mirrorSources(opts.dataDir, snap.sources);
    version = snap.version;
  }
  let state: SearchState = await open(Boolean(opts.rebuild));
  let byId = new Map(state.corpus.passages.map((p, i) => [p.id, i]));
  const offThread = Boolean(opts.offThread) && !opts.embedder;
  const reopen = async () => {
    // Built and saved in a worker; the load below then finds the saved index valid and only reads it.
    // In-process, the open state is folded into instead of re-read.
    if (offThread) {
      await buildOffThread({
        dataDir: opts.dataDir, rubric, embeddingModel: loadConfig().WUYIN_EMBEDDING_MODEL,
        bm25: opts.bm25, lsa: opts.lsa, foldInFrom: opts.foldInFrom, ...indexed,
      }, log);
      state = await open(false);
    } else {
      state = await open(false, state);
    }
    byId = new Map(state.corpus.passages.map((p, i) => [p.id, i]));
  };
  // One change at a time: a poll and an ingest must not mirror and reopen concurrently.
  let changing: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = changing.then(fn, fn);
    changing = run.catch(() => undefined);
    return run;
  };
  /** Mirrors the shared corpus when its version moved (or always, after this replica changed it). */
  const sync = async (force: boolean): Promise<boolean> => {
    if (!shared) return false;
    if (!force && (await shared.version()) === version) return false;
    const snap = await shared.snapshot();
    if (!force && snap.version === version) return false;
    mirrorSources(opts.dataDir, snap.sources);
    version = snap.version;
    await reopen();
    log.info('shared corpus changed; index reopened', { version, passages: state.corpus.passages.length, folded: state.folded ?? 0 });
    return true;
  };

  /** Per-state scratch arrays (BM25, settled-field and dense scores): a query allocates nothing corpus-sized. */
  type Scratch = { bm25: Float64Array; settled: Float64Array; asked: Float64Array; dense: Float64Array };
  const scratch = new WeakMap<SearchState, Scratch>();
  const buffers = (s: SearchState) => {
    let b = scratch.get(s);
    const n = s.corpus.passages.length;
    if (!b) scratch.set(s, (b = {
      bm25: new Float64Array(n), settled: new Float64Array(n), asked: new Float64Array(n), dense: new Float64Array(n),
    }));
    return b;
  };

  /**
   * The query's BM25 scores (in the state's scratch buffer, valid until the next query: callers
   * read them before they next await) and its vector.
   */
  async function analyse(query: string, s: SearchState, focus = false) {
    const prepared = prepareQuery(query);
    // Traditional characters as simplified; a long real question focused on its needs (keyphrases.ts).
    const text = focus ? focusQuery(toSimplified(prepared.text)) : toSimplified(prepared.text);
    const notes = prepared.notes;
    for (const note of notes) log.warn(note);
    const expansion = englishExpansion(text, englishMap);
    const tokens = s.tokenizer.tokens(expansion ? `${text} ${expansion}` : text);
    const vector = s.lsa ? s.lsa.embedTokens(tokens) : (await s.embedder.embed([expansion ? `${text} ${expansion}` : text]))[0]!;
    // After the last await, so a concurrent query cannot overwrite the scratch buffer before it is read.
    const b = buffers(s);
    const bm25 = s.bm25.scoresInto(tokens, b.bm25, { ignoreUnknownLatin: expansion !== '' });
    // The settled answers' field, normalised on its own, so its weight does not depend on how long they are.
    const settled = s.settled.scoresInto(tokens, b.settled, { ignoreUnknownLatin: expansion !== '' });
    // Settled questions help a question that tells its situation in its own tools' words find its need; a
    // short query already names what it wants (a file's own words, "rebate reconciliation"), and a lift from
    // questions that shared a word or two would put other passages above the one that says it: a short query
    // is not scored against them at all.
    const asked = isFocusedQuestion(prepared.text)
      ? s.asked.scoresInto(tokens, b.asked, { ignoreUnknownLatin: expansion !== '' }) : undefined;
    for (let i = 0; i < bm25.length; i++) {
      bm25[i] = Math.min(1, bm25[i]! + SETTLED_WEIGHT * settled[i]! + (asked ? ASKED_WEIGHT * asked[i]! : 0));
    }
    return { bm25, vector, dense: b.dense };
  }

  return {
    async search(query, o = {}) {
      const s = state;
      const k = Math.min(MAX_K, Math.max(1, Math.floor(o.k ?? 5)));
      // Without dense vectors every mode is BM25: the ablation switches the signal off, not the search.
      const mode = without.has('dense') ? 'bm25' : (o.mode ?? 'hybrid');
      const { bm25, vector, dense } = await analyse(query, s, true);
      const ps = s.corpus.passages;
      const allowed = (i: number) => matchesFilter(ps[i]!, o.filter);
      // Only the candidates' entries of the scratch `dense` are written and read.
      const candidates = new Set<number>();
      // Generous candidate pools: the fused order can promote what either signal ranks low.
      const pool = Math.min(ps.length, Math.max(64, k * 8));
      if (mode !== 'dense') {
        for (const i of topK(bm25, pool, allowed)) candidates.add(i);
      }
      if (mode !== 'bm25' && vector.some((x) => x !== 0)) {
        // A plain loop: Array.from walks a typed array through its iterator, an object per element.
        const q: number[] = new Array(vector.length);
        for (let c = 0; c < vector.length; c++) q[c] = vector[c]!;
        const res = s.index.searchKnn(q, pool, o.filter ? allowed : undefined);
        res.neighbors.forEach((i) => candidates.add(i));
      }
      for (const i of candidates) dense[i] = dot(vector, s.vectors[i]!);
      const list = [...candidates];
      // A long question weighs BM25 more (hybrid.ts fusionFor) unless the caller chose the fusion.
      const raw = mode === 'hybrid'
        ? fuse(list, bm25, dense, opts.fusion ?? fusionFor(units(query)))
        : new Map(list.map((i) => [i, mode === 'bm25' ? bm25[i]! : Math.max(0, dense[i]!)]));
      const prior = kindPrior(query, o.kindBoost ?? KIND_BOOST);
      // In place (values of existing keys only): no copies of the candidate map per step.
      for (const [i, v] of raw) raw.set(i, Math.min(1, applyPrior(ps[i]!.id, v, prior)));
      const ids = s === state ? byId : new Map(ps.map((p, i) => [p.id, i]));
      const indexOf = (id: string) => { const j = ids.get(id); return j !== undefined && allowed(j) ? j : undefined; };
      const scores = liftIndicators(raw, ps, indexOf, INDICATOR_LIFT);
      const sorted = [...scores.keys()].filter((i) => scores.get(i)! > 0);
      sorted.sort((a, b) => {
        const x = scores.get(a)!;
        const y = scores.get(b)!;
        return x > y ? -1 : x < y ? 1 : a - b;
      });
      // No indicator's passages crowd out the rest, unless the caller filtered to what it wants.
      const order = o.filter ? sorted : spreadIndicators(sorted, (i) => ps[i]!.id);
      // Hits for a prefix of the order only: dropping an overlapping chunk depends on the chunks
      // ranked above it, so the first k kept of a prefix are the first k kept of the whole list.
      const hits = (m: number) => dedupeOverlaps(order.slice(0, m).map((i) => {
        const p = ps[i]!;
        return { id: p.id, score: Math.round(scores.get(i)! * 10000) / 10000, text: p.text, source: p.source };
      }));
      const short = hits(4 * k);
      return (short.length >= k || order.length <= 4 * k ? short : hits(order.length)).slice(0, k);
    },

    async scorePassages(query, ids) {
      const s = state;
      const idx = ids.map((id) => {
        const i = byId.get(id);
        if (i === undefined) throw new Error(`scorePassages: unknown passage id '${id}'`);
        return i;
      });
      const { bm25, vector, dense } = await analyse(query, s);
      for (const i of idx) dense[i] = without.has('dense') ? 0 : dot(vector, s.vectors[i]!);
      const fused = fuse(idx, bm25, dense, fusion);
      return idx.map((i, n) => ({ id: ids[n]!, bm25: bm25[i]!, dense: dense[i]!, fused: fused.get(i)! }));
    },

    passage: (id) => {
      const i = byId.get(id);
      return i === undefined ? undefined : state.corpus.passages[i];
    },
    passages: () => state.corpus.passages.slice(),

    async ingest(file) {
      // Everything that can refuse the file runs before the first write.
      const max = opts.maxIngestBytes ?? loadConfig().WUYIN_MAX_INGEST_BYTES;
      const ex = offThread ? await extractOffThread(file, max, log) : await extractText(file, max);
      const name = userFileName(file);
      const record = { name, kind: ex.kind, bytes: ex.bytes, ingestedAt: new Date().toISOString() };
      await serial(async () => {
        if (shared) {
          await shared.put({ ...record, text: ex.text });
          await sync(true);
        } else {
          const replaces = listSources(opts.dataDir).some((r) => r.name === name);
          storeSource(opts.dataDir, record, ex.text);
          try {
            await reopen();
          } catch (err) {
            // A corpus grown past the build budget is refused before any index file changes: take the new file back out.
            if (err instanceof IndexTooLargeError && !replaces) deleteSource(opts.dataDir, name);
            throw err;
          }
        }
      });
      const count = state.corpus.passages.filter((p) => p.source.file === name).length;
      log.info('ingested a source', { kind: ex.kind, passages: count });
      return { file: name, kind: ex.kind, passages: count, ...(ex.emptyPages ? { emptyPages: ex.emptyPages } : {}) };
    },

    sources() {
      const counts = new Map<string, number>();
      for (const p of state.corpus.passages) if (p.source.file) counts.set(p.source.file, (counts.get(p.source.file) ?? 0) + 1);
      return listSources(opts.dataDir).map((r) => ({ ...r, passages: counts.get(r.name) ?? 0 }));
    },

    async remove(name) {
      const removed = await serial(async () => {
        if (shared) {
          if ((await shared.remove(name)) === undefined) return false;
          await sync(true);
          return true;
        }
        if (!deleteSource(opts.dataDir, name)) return false;
        await reopen();
        return true;
      });
      if (!removed) return false;
      log.info('removed a source', { passages: state.corpus.passages.length });
      return true;
    },

    refresh: () => serial(() => sync(false)),
    tokenizer: () => state.tokenizer,
    stats: () => ({
      embedderId: state.embedder.id,
      passages: state.corpus.passages.length,
      built: state.built,
      reason: state.reason,
      ms: state.ms,
    }),
  };
}
