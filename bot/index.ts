import type { Config } from '../config.js';
import { loadLevelExamples } from '../knowledge/examples.js';
import { loadRubric } from '../knowledge/load.js';
import { logger } from '../log.js';
import { createRetriever, type Retriever } from '../retrieval/retriever.js';
import type { Llm } from './deps.js';
import { createLlmScorer } from './interview/llm-scorer.js';
import { createOfflineScorer, DEFAULT_WEIGHTS, type Scorer } from './interview/scorer.js';
import { createLevelSimilarity } from './interview/similarity.js';
import { createOrchestrator, type Orchestrator } from './orchestrator.js';
import type { Rubric } from '../knowledge/types.js';
import { openStore, type SessionStore } from './store/index.js';
import type { Handler } from './types.js';

/** Wires the bot from configuration: rubric, store, retrieval, scorer and the optional LLM. */
export interface Bot {
  handle: Handler;
  begin: Orchestrator['begin'];
  rubric: Rubric;
  store: SessionStore;
  retriever: Retriever;
  scorer: Scorer;
  llm?: Llm;
  close(): Promise<void>;
}

const log = logger('bot');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export async function createBot(config: Config): Promise<Bot> {
  const rubric = loadRubric();
  const store = openStore(config.dataDir);
  if (store.recoveredFrom) log.warn('the conversation database was corrupt; it was kept aside and a new one started', { keptAt: store.recoveredFrom });
  const retriever = await createRetriever({ dataDir: config.dataDir, rubric });
  const offline = createOfflineScorer(rubric, createLevelSimilarity(rubric, retriever.tokenizer(), true, loadLevelExamples()), DEFAULT_WEIGHTS, (answer, ids) => retriever.scorePassages(answer, ids));
  // The openai client is imported only when a key is set: offline starts skip its load time.
  const llm = config.OPENAI_API_KEY
    ? (await import('./llm.js')).createLlm(rubric, { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.WUYIN_LLM_MODEL, timeoutMs: config.WUYIN_LLM_TIMEOUT_MS })
    : undefined;
  if (llm) log.info('LLM enabled', { model: config.WUYIN_LLM_MODEL, baseURL: config.OPENAI_BASE_URL ?? 'default' });
  const scorer = llm ? createLlmScorer(rubric, offline, llm) : offline;
  const orchestrator = createOrchestrator({ rubric, scorer, alsoScorer: offline, retrieval: retriever, llm }, { store, maxChars: config.WUYIN_MAX_MESSAGE_CHARS });
  // Redeliveries come within minutes; ids older than WUYIN_DEDUPE_DAYS only grow the file.
  const prune = () => {
    const pruned = store.pruneProcessed(new Date(Date.now() - config.WUYIN_DEDUPE_DAYS * DAY_MS));
    if (pruned) log.info('pruned old processed-message ids', { pruned });
  };
  prune();
  const pruning = setInterval(prune, HOUR_MS).unref();
  let inFlight = 0;
  let drained: (() => void) | undefined;
  return {
    store, retriever, scorer, llm, rubric,
    begin: (key, preset) => orchestrator.begin(key, preset),
    async handle(msg) {
      inFlight++;
      try { return await orchestrator.handle(msg); } finally {
        inFlight--;
        if (inFlight === 0) drained?.();
      }
    },
    // Graceful shutdown: in-flight turns finish before the database closes.
    async close() {
      clearInterval(pruning);
      if (inFlight > 0) await new Promise<void>((resolve) => { drained = resolve; });
      store.close();
    },
  };
}
