import { createHash } from 'node:crypto';
import path from 'node:path';
import type { HierarchicalNSW } from 'hnswlib-node';
import os from 'node:os';
import { loadConfig } from '../config.js';
import type { Logger } from '../log.js';
import { checkBuild, estimateBuild } from './build-budget.js';
import type { BuildLimits } from './build-budget.js';
import { Bm25 } from './bm25.js';
import type { Bm25Params } from './bm25.js';
import type { Corpus } from './corpus.js';
import { loadStore, saveStore } from './index-store.js';
import type { LoadedStore } from './index-store.js';
import { DEFAULT_LSA, LsaEmbedder, lsaEmbedderId } from './lsa-embedder.js';
import type { LsaParams } from './lsa-embedder.js';
import { createTokenizer, mergePrunedDicts, prunedDefaultDict } from './tokenize.js';
import type { Tokenizer } from './tokenize.js';
import { tokenizeCorpus } from './term-docs.js';
import type { Embedder, Passage } from './types.js';

/**
 * Everything a search needs in memory, loaded from <dataDir>/index/ when the stored index still
 * matches the corpus and embedder, rebuilt (and saved) when it does not. Everything derived from
 * the passages' tokens is persisted as typed arrays (BM25 postings, the LSA term-to-latent
 * matrix, the passage vectors), so a load reads files and never re-tokenises the corpus. When
 * the corpus only grew (an ingest), the new passages are folded in: tokenised, embedded through
 * the fitted LSA model, appended to BM25 and the graph; the LSA is refitted once the passages
 * folded in since the last fit pass REFIT_SHARE of those it was fitted on.
 */
export interface SearchState {
  corpus: Corpus;
  tokenizer: Tokenizer;
  bm25: Bm25;
  /** BM25 over the passages' settled answers (empty for most passages), weighed apart from `bm25`. */
  settled: Bm25;
  /** BM25 over the settled questions each passage answers (empty for most passages), weighed on its own. */
  asked: Bm25;
  embedder: Embedder;
  /** Set when the embedder is the built-in LSA, whose queries skip re-tokenising. */
  lsa?: LsaEmbedder;
  index: HierarchicalNSW;
  vectors: Float32Array[];
  built: boolean;
  /** Passages folded into a stored index instead of a rebuild (0 when loaded or built). */
  folded?: number;
  /** Why the index was rebuilt, when it was. */
  reason?: string;
  ms: number;
  /** The pruned jieba dictionary and the passage lines (PASSAGES_FILE) as saved, so an ingest folds in from memory. */
  dict: string;
  lines: string[];
}

const DICT_FILE = 'dict.txt';
const LSA_FILE = 'lsa.bin';
const BM25_FILE = 'bm25.bin';
/** The passages' side fields, each a BM25 of its own in its own file, weighed apart from `bm25` (retriever.ts). */
const FIELD_FILES = { settled: 'settled.bm25.bin', asked: 'asked.bm25.bin' } as const;
type Field = keyof typeof FIELD_FILES;
const FIELDS = Object.keys(FIELD_FILES) as Field[];
type Fields = Record<Field, Bm25>;
const fieldsOf = (make: (f: Field) => Bm25): Fields => ({ settled: make('settled'), asked: make('asked') });
const VECTORS_FILE = 'vectors.f32';
/** One line a passage, in index order: id TAB sha256 of its indexed text. */
const PASSAGES_FILE = 'passages.tsv';
const EMBED_BATCH = 32;
/** Refit the LSA when passages folded in since the fit exceed this share of the fitted ones. */
export const REFIT_SHARE = 0.2;
/**
 * Below this many fitted passages a refit costs about a second, and it is better: a folded-in
 * passage cannot get a latent direction of its own (measured: an English query for an ingested
 * DOCX ranked it second after fold-in, first after a refit at the whitepaper's 267 passages).
 */
export const FOLD_IN_FROM = 5000;

export function indexDir(dataDir: string): string {
  return path.join(dataDir, 'index');
}

/** What is searched: the shown text plus index-only keywords. */
export function indexText(p: Passage): string {
  return p.keywords ? `${p.text}\n${p.keywords}` : p.text;
}

/** The settled answers and questions are hashed too: a passage whose fields changed is no longer the stored one. */
const passageLine = (p: Passage) => {
  const h = createHash('sha256').update(indexText(p)).update('\0').update(p.settled ?? '').update('\0').update(p.asked ?? '');
  return `${p.id}\t${h.digest('hex').slice(0, 32)}`;
};

function flatVectors(vectors: Float32Array[]): Buffer {
  const d = vectors[0]!.length;
  const out = new Float32Array(vectors.length * d);
  vectors.forEach((v, i) => out.set(v, i * d));
  return Buffer.from(out.buffer);
}

function viewVectors(buf: Buffer, n: number, d: number): Float32Array[] {
  if (buf.length !== n * d * 4) throw new Error(`${VECTORS_FILE} holds ${buf.length} bytes, expected ${n}×${d} floats`);
  const all = new Float32Array(n * d);
  Buffer.from(all.buffer).set(buf);
  return Array.from({ length: n }, (_, i) => all.subarray(i * d, (i + 1) * d));
}

interface OpenOptions {
  dataDir: string;
  corpus: Corpus;
  embedder?: Embedder;
  bm25?: Bm25Params;
  lsa?: LsaParams;
  force?: boolean;
  /** Smallest fitted corpus that folds new passages in rather than refitting (default FOLD_IN_FROM). */
  foldInFrom?: number;
  /**
   * The state this process has open for the same data dir: when the corpus only grew, the new
   * passages are folded into it without reading the stored index back (it is what was saved).
   */
  previous?: SearchState;
  /** A full build estimated past these is refused (default: WUYIN_INDEX_MAX_MB/SECONDS, and 90 % of the machine's memory). */
  limits?: BuildLimits;
  log: Logger;
}

function defaultLimits(): BuildLimits {
  const c = loadConfig();
  return { maxMb: Math.min(c.WUYIN_INDEX_MAX_MB, Math.floor((os.totalmem() / 2 ** 20) * 0.9)), maxSeconds: c.WUYIN_INDEX_MAX_SECONDS };
}

type Restored = Omit<SearchState, 'built' | 'ms'>;

/** The stored state for exactly the stored passages, in stored order, or a reason why it is unusable. */
function restore(stored: LoadedStore, opts: OpenOptions, corpus: Corpus, lines: string[]): Restored {
  const dict = need(stored, DICT_FILE).toString('utf8');
  const tokenizer = createTokenizer({ terms: corpus.terms, dict });
  const lsa = opts.embedder ? undefined : LsaEmbedder.restore(need(stored, LSA_FILE), tokenizer);
  const bm25 = Bm25.restore(need(stored, BM25_FILE), opts.bm25);
  const n = stored.manifest.passageCount;
  if (bm25.size !== n) throw new Error(`${BM25_FILE} holds ${bm25.size} passages, manifest says ${n}`);
  const fields = fieldsOf((f) => {
    const b = Bm25.restore(need(stored, FIELD_FILES[f]), opts.bm25);
    if (b.size !== n) throw new Error(`${FIELD_FILES[f]} holds ${b.size} passages, manifest says ${n}`);
    return b;
  });
  const vectors = viewVectors(need(stored, VECTORS_FILE), n, stored.manifest.dimension);
  return { corpus, tokenizer, bm25, ...fields, embedder: opts.embedder ?? lsa!, lsa, index: stored.index, vectors, dict, lines };
}

/**
 * The stored passages (`lines`) against the corpus: the corpus in index order (the stored
 * passages as stored, then the new ones in corpus order) and the new ones, or undefined when a
 * stored passage is gone or changed.
 */
function align(lines: string[], corpus: Corpus): { aligned: Corpus; added: Passage[] } | undefined {
  const now = corpus.passages.map(passageLine);
  const current = new Map(now.map((l, i) => [l, corpus.passages[i]!]));
  const kept = lines.map((l) => current.get(l));
  if (kept.some((p) => p === undefined)) return undefined;
  const old = new Set(lines);
  const added = corpus.passages.filter((_, i) => !old.has(now[i]!));
  return { aligned: { ...corpus, passages: [...(kept as Passage[]), ...added] }, added };
}

export async function openState(opts: OpenOptions): Promise<SearchState> {
  const t0 = performance.now();
  const { corpus, log } = opts;
  const dir = indexDir(opts.dataDir);
  const n = corpus.passages.length;
  const lsaParams = opts.lsa ?? DEFAULT_LSA;
  const embedderId = opts.embedder?.id ?? lsaEmbedderId(corpus.hash, n, lsaParams);
  const lsaPrefix = embedderId.slice(0, embedderId.indexOf(':') + 1);

  let reason = opts.force ? 'rebuild requested' : undefined;
  const foldInFrom = opts.foldInFrom ?? FOLD_IN_FROM;
  /** Fold-in, no change, or why a rebuild is needed, for a restored state and its alignment with the corpus. */
  const decide = async (s: Restored, hash: string, aligned: Corpus, added: Passage[], storedDict: string): Promise<SearchState | string> => {
    if (added.length === 0 && hash === corpus.hash) return { ...s, corpus: aligned, built: false, folded: 0, ms: performance.now() - t0 };
    const fitted = s.lsa?.fittedPassages ?? Infinity;
    const grown = s.lines.length + added.length - fitted;
    if (s.lsa && added.length > 0 && fitted >= foldInFrom && grown <= REFIT_SHARE * fitted) {
      return await foldIn(s, storedDict, aligned, added, opts, t0);
    }
    return s.lsa && fitted >= foldInFrom
      ? `corpus grew by ${grown} passages since the LSA fit (refit past ${Math.round(REFIT_SHARE * 100)} %)`
      : 'corpus changed';
  };
  const prev = opts.previous;
  const prevUsable = prev && (prev.lsa ? !opts.embedder && prev.embedder.id.startsWith(lsaPrefix) : prev.embedder === opts.embedder);
  if (!opts.force && prev && prevUsable) {
    // What this process holds is what it saved: a rebuild decided here needs no second look at the files.
    const a = align(prev.lines, corpus);
    const out = a ? await decide(prev, prev.corpus.hash, a.aligned, a.added, prev.dict) : 'corpus changed';
    if (typeof out !== 'string') return out;
    reason = out;
  }
  if (!opts.force && reason === undefined) {
    const stored = loadStore(dir, { embedderId, embedderMatches: opts.embedder ? undefined : (id) => id.startsWith(lsaPrefix) });
    if (stored.ok) {
      try {
        const lines = need(stored, PASSAGES_FILE).toString('utf8').split('\n').filter(Boolean);
        const a = align(lines, corpus);
        if (!a) {
          reason = 'corpus changed';
        } else {
          const s = restore(stored, opts, a.aligned, lines);
          const out = await decide(s, stored.manifest.corpusHash, a.aligned, a.added, s.dict);
          if (typeof out !== 'string') return out;
          reason = out;
        }
      } catch (err) {
        reason = `stored index unusable (${(err as Error).message})`;
      }
    } else {
      reason = stored.reason;
    }
  }

  const estimate = estimateBuild(corpus.passages.reduce((sum, p) => sum + indexText(p).length, 0), n);
  checkBuild(estimate, opts.limits ?? defaultLimits());
  log.info(`building the retrieval index: ${reason}`, { dir, passages: n, estimatedMb: estimate.peakMb, estimatedCpuS: estimate.cpuSeconds });
  const dict = prunedDefaultDict(corpus.passages.map(indexText).join('\n') + '\n' + corpus.terms.join('\n'));
  const tokenizer = createTokenizer({ terms: corpus.terms, dict });
  // Tokenised once, to ids: BM25, the LSA fit, its fold-in and the vectors all read the same arrays.
  const td = tokenizeCorpus(corpus.passages.map(indexText), tokenizer);
  // The whitepaper's passages (no source file) are always in the LSA fit's sample.
  const pinned = (i: number) => !corpus.passages[i]!.source.file;
  const fitted = opts.embedder ? undefined : LsaEmbedder.fitAndEmbed(td, tokenizer, corpus.hash, lsaParams, pinned);
  const lsa = fitted?.lsa;
  const embedder = opts.embedder ?? lsa!;
  const vectors = fitted ? fitted.vectors : await embedAll(corpus.passages, embedder);
  const bm25 = Bm25.fromTermDocs(td, opts.bm25);
  const fields = fieldsOf((f) => new Bm25(corpus.passages.map((p) => tokenizer.tokens(p[f] ?? '')), opts.bm25));
  const files = stateFiles(corpus.passages.map(passageLine), bm25, fields, vectors);
  const artifacts: Record<string, Buffer> = { [DICT_FILE]: Buffer.from(dict), ...files };
  if (lsa) artifacts[LSA_FILE] = lsa.serialise();
  const saved = saveStore(dir, { embedderId: embedder.id, corpusHash: corpus.hash, vectors, artifacts });
  const ms = performance.now() - t0;
  log.info('retrieval index built', { embedder: embedder.id, dimension: saved.manifest.dimension, ms: Math.round(ms) });
  const lines = corpus.passages.map(passageLine);
  return { corpus, tokenizer, bm25, ...fields, embedder, lsa, index: saved.index, vectors, built: true, folded: 0, reason, ms, dict, lines };
}

function need(stored: LoadedStore, name: string): Buffer {
  const b = stored.artifacts.get(name);
  if (!b) throw new Error(`${name} is not in the manifest`);
  return b;
}

function stateFiles(lines: string[], bm25: Bm25, fields: Fields, vectors: Float32Array[]): Record<string, Buffer> {
  return {
    [BM25_FILE]: bm25.serialise(),
    ...Object.fromEntries(FIELDS.map((f) => [FIELD_FILES[f], fields[f].serialise()])),
    [VECTORS_FILE]: flatVectors(vectors),
    [PASSAGES_FILE]: Buffer.from(lines.join('\n') + '\n'),
  };
}

async function embedAll(passages: Passage[], embedder: Embedder): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < passages.length; i += EMBED_BATCH) out.push(...(await embedder.embed(passages.slice(i, i + EMBED_BATCH).map(indexText))));
  return out;
}

/** Appends `added` (the tail of `corpus.passages`) to a restored state and saves it. */
async function foldIn(
  s: Restored, storedDict: string, corpus: Corpus, added: Passage[], opts: OpenOptions, t0: number,
): Promise<SearchState> {
  // The dictionary grows by the new text's words; the old passages' segmentation cannot change
  // (jieba only weighs words that occur in the sentence, and the total frequency is kept).
  const dict = mergePrunedDicts(storedDict, prunedDefaultDict(added.map(indexText).join('\n')));
  const tokenizer = createTokenizer({ terms: corpus.terms, dict });
  const tokens = added.map((p) => tokenizer.tokens(indexText(p)));
  // The fitted model, bound to the grown tokenizer and extended by the new passages' terms.
  const { lsa, vectors: fresh } = s.lsa!.withTokenizer(tokenizer).foldInAndEmbed(tokens);
  const vectors = [...s.vectors, ...fresh];
  const bm25 = s.bm25.append(tokens);
  const fields = fieldsOf((f) => s[f].append(added.map((p) => tokenizer.tokens(p[f] ?? ''))));
  const lines = [...s.lines, ...added.map(passageLine)];
  const files = stateFiles(lines, bm25, fields, vectors);
  const artifacts: Record<string, Buffer> = { [DICT_FILE]: Buffer.from(dict), [LSA_FILE]: lsa.serialise(), ...files };
  const saved = saveStore(indexDir(opts.dataDir), { embedderId: lsa.id, corpusHash: corpus.hash, vectors, artifacts, index: s.index });
  const ms = performance.now() - t0;
  opts.log.info('folded new passages into the retrieval index', { passages: added.length, ms: Math.round(ms) });
  return { ...s, corpus, tokenizer, lsa, embedder: lsa, bm25, ...fields, index: saved.index, vectors, built: false, folded: added.length, ms, dict, lines };
}
