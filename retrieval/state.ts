import path from 'node:path';
import type { HierarchicalNSW } from 'hnswlib-node';
import type { Logger } from '../log.js';
import { Bm25 } from './bm25.js';
import type { Bm25Params } from './bm25.js';
import type { Corpus } from './corpus.js';
import { loadStore, saveStore } from './index-store.js';
import { DEFAULT_LSA, LsaEmbedder, lsaEmbedderId } from './lsa-embedder.js';
import type { LsaParams } from './lsa-embedder.js';
import { createTokenizer, prunedDefaultDict } from './tokenize.js';
import type { Tokenizer, Tokens } from './tokenize.js';
import type { Embedder, Passage } from './types.js';

/**
 * Everything a search needs in memory, loaded from <dataDir>/index/ when the stored index still
 * matches the corpus and embedder, rebuilt (and saved) when it does not.
 */
export interface SearchState {
  corpus: Corpus;
  tokenizer: Tokenizer;
  bm25: Bm25;
  embedder: Embedder;
  /** Set when the embedder is the built-in LSA, whose queries skip re-tokenising. */
  lsa?: LsaEmbedder;
  index: HierarchicalNSW;
  vectors: Float32Array[];
  built: boolean;
  /** Why the index was rebuilt, when it was. */
  reason?: string;
  ms: number;
}

const DICT_FILE = 'dict.txt';
const LSA_FILE = 'lsa.bin';
const EMBED_BATCH = 32;

export function indexDir(dataDir: string): string {
  return path.join(dataDir, 'index');
}

/** What is searched: the shown text plus index-only keywords. */
export function indexText(p: Passage): string {
  return p.keywords ? `${p.text}\n${p.keywords}` : p.text;
}

export async function openState(opts: {
  dataDir: string;
  corpus: Corpus;
  embedder?: Embedder;
  bm25?: Bm25Params;
  lsa?: LsaParams;
  force?: boolean;
  log: Logger;
}): Promise<SearchState> {
  const t0 = performance.now();
  const { corpus, log } = opts;
  const dir = indexDir(opts.dataDir);
  const n = corpus.passages.length;
  const lsaParams = opts.lsa ?? DEFAULT_LSA;
  const embedderId = opts.embedder?.id ?? lsaEmbedderId(corpus.hash, n, lsaParams);

  let reason = opts.force ? 'rebuild requested' : undefined;
  if (!opts.force) {
    const stored = loadStore(dir, { corpusHash: corpus.hash, passageCount: n, embedderId });
    if (stored.ok) {
      try {
        const dict = stored.artifacts.get(DICT_FILE);
        if (!dict) throw new Error(`${DICT_FILE} is not in the manifest`);
        const tokenizer = createTokenizer({ terms: corpus.terms, dict });
        const tokens = corpus.passages.map((p) => tokenizer.tokens(indexText(p)));
        let lsa: LsaEmbedder | undefined;
        if (!opts.embedder) {
          const buf = stored.artifacts.get(LSA_FILE);
          if (!buf) throw new Error(`${LSA_FILE} is not in the manifest`);
          lsa = LsaEmbedder.restore(buf, tokens, tokenizer, corpus.hash);
        }
        const vectors = Array.from({ length: n }, (_, i) => Float32Array.from(stored.index.getPoint(i)));
        const bm25 = new Bm25(tokens, opts.bm25);
        const embedder = opts.embedder ?? lsa!;
        return { corpus, tokenizer, bm25, embedder, lsa, index: stored.index, vectors, built: false, ms: performance.now() - t0 };
      } catch (err) {
        reason = `stored index unusable (${(err as Error).message})`;
      }
    } else {
      reason = stored.reason;
    }
  }

  log.info(`building the retrieval index: ${reason}`, { dir, passages: n });
  const dict = prunedDefaultDict(corpus.passages.map(indexText).join('\n') + '\n' + corpus.terms.join('\n'));
  const tokenizer = createTokenizer({ terms: corpus.terms, dict });
  const tokens: Tokens[] = corpus.passages.map((p) => tokenizer.tokens(indexText(p)));
  const lsa = opts.embedder ? undefined : LsaEmbedder.fit(tokens, tokenizer, corpus.hash, lsaParams);
  const embedder = opts.embedder ?? lsa!;
  let vectors: Float32Array[];
  if (lsa) {
    vectors = tokens.map((t) => lsa.embedTokens(t));
  } else {
    vectors = [];
    for (let i = 0; i < n; i += EMBED_BATCH) {
      vectors.push(...(await embedder.embed(corpus.passages.slice(i, i + EMBED_BATCH).map(indexText))));
    }
  }
  const artifacts: Record<string, Buffer> = { [DICT_FILE]: Buffer.from(dict) };
  if (lsa) artifacts[LSA_FILE] = lsa.serialise();
  const saved = saveStore(dir, { embedderId: embedder.id, corpusHash: corpus.hash, vectors, artifacts });
  const bm25 = new Bm25(tokens, opts.bm25);
  const ms = performance.now() - t0;
  log.info('retrieval index built', { embedder: embedder.id, dimension: saved.manifest.dimension, ms: Math.round(ms) });
  return { corpus, tokenizer, bm25, embedder, lsa, index: saved.index, vectors, built: true, reason, ms };
}
