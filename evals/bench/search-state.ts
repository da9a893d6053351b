import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../knowledge/load.js';
import type { Rubric } from '../../knowledge/types.js';
import type { Logger } from '../../log.js';
import { loadCorpus } from '../../retrieval/corpus.js';
import { prepareQuery } from '../../retrieval/hybrid.js';
import { openState, type SearchState } from '../../retrieval/state.js';
import type { Tokens } from '../../retrieval/tokenize.js';
import { buildEnglishMap, englishExpansion } from '../../retrieval/vocabulary.js';

/**
 * Read-only access to the retriever's in-memory search state (HNSW graph, passage vectors, BM25,
 * tokenizer) through the public retrieval modules, so the benchmark measures the exact vectors the
 * bot searches without the retriever having to export its internals.
 */
export interface OpenedState {
  rubric: Rubric;
  state: SearchState;
  /** Wall time of a forced build (tokenise, fit LSA, embed, build HNSW, write) into an empty dir. */
  buildMs: number;
  /** Wall time of opening the stored index again (checksums, hnswlib read, tokenise, LSA restore). */
  loadMs: number;
  /** Query text → the tokens and unit vector the retriever would use for it. */
  analyse(query: string): { tokens: Tokens; vector: Float32Array };
  dispose(): void;
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export async function openSearchState(): Promise<OpenedState> {
  const rubric = loadRubric();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-bench-retrieval-'));
  const corpus = await loadCorpus(rubric, dataDir);
  let t = performance.now();
  await openState({ dataDir, corpus, force: true, log: quiet });
  const buildMs = performance.now() - t;
  t = performance.now();
  const state = await openState({ dataDir, corpus, log: quiet });
  const loadMs = performance.now() - t;
  if (state.built) throw new Error(`the freshly built index did not load back: ${state.reason}`);
  if (!state.lsa) throw new Error('the benchmark expects the built-in LSA embedder (unset WUYIN_EMBEDDING_MODEL)');
  const lsa = state.lsa;
  const englishMap = buildEnglishMap(rubric);
  return {
    rubric, state, buildMs, loadMs,
    // Mirrors the retriever's query analysis: hygiene, English expansion, tokens, LSA vector.
    analyse(query) {
      const { text } = prepareQuery(query);
      const expansion = englishExpansion(text, englishMap);
      const tokens = state.tokenizer.tokens(expansion ? `${text} ${expansion}` : text);
      return { tokens, vector: lsa.embedTokens(tokens) };
    },
    dispose: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}
