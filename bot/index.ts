import type { Config } from '../config.js';
import { loadLevelExamples } from '../knowledge/examples.js';
import { loadRubric } from '../knowledge/load.js';
import { logger } from '../log.js';
import { configuredRetriever } from '../retrieval/configured.js';
import type { Retriever } from '../retrieval/retriever.js';
import type { Llm } from './deps.js';
import { createLlmScorer } from './interview/llm-scorer.js';
import { createOfflineScorer, DEFAULT_WEIGHTS, type Scorer } from './interview/scorer.js';
import { createLevelSimilarity } from './interview/similarity.js';
import { deferScorer } from './interview/deferred.js';
import { createOrchestrator, type Orchestrator } from './orchestrator.js';
import type { Rubric, Signal } from '../knowledge/types.js';
import type { SessionStore } from './store/index.js';
import { openConfiguredStore } from './store/open.js';
import { createStoreProbe, createWriteProbe, type WriteProbe } from './health.js';
import { withTurnBudget } from './time-budget.js';
import type { CampaignStore } from './team/store.js';
import { openConfiguredCampaignStore } from './team/open.js';
import { openConfiguredReportLinks, type ReportLinkStore } from './store/report-links.js';

/** Wires the bot from configuration: rubric, store, retrieval, scorer and the optional LLM. */
export interface Bot {
  handle: Orchestrator['handle'];
  begin: Orchestrator['begin'];
  rubric: Rubric;
  store: SessionStore;
  campaigns: CampaignStore;
  /** Links to reports, on the same backend as the store (report/publish.ts makes them). */
  reportLinks: ReportLinkStore;
  retriever: Retriever;
  scorer: Scorer;
  llm?: Llm;
  /** Can the store still write (for /healthz)? A cheap probe, cached for a second. */
  canWrite: WriteProbe;
  close(): Promise<void>;
}

const log = logger('bot');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WARM_AFTER_MS = 1000;

/** `without`: signals switched off everywhere they act (the eval's `--ablate`); the product passes none. */
export interface BotOptions { without?: ReadonlySet<Signal> }

export async function createBot(config: Config, opts: BotOptions = {}): Promise<Bot> {
  const rubric = loadRubric();
  const { store, ping } = await openConfiguredStore(config);
  const without = opts.without ?? new Set<Signal>();
  // With WUYIN_DATABASE_URL the ingested material is shared by every replica (polled for changes).
  const corpus = await configuredRetriever(config, { rubric, without }, true);
  const retriever = corpus.retriever;
  const weights = { ...DEFAULT_WEIGHTS, ...(without.has('cues') ? { cues: 0 } : {}), ...(without.has('dense') ? { retrieval: 0 } : {}), ...(without.has('examples') ? { examples: 0 } : {}) };
  const offline = deferScorer(() => {
    const similarity = createLevelSimilarity(rubric, retriever.tokenizer(), !without.has('hints'),
      without.has('examples') ? [] : loadLevelExamples(), { lexicon: !without.has('lexicon') });
    similarity.prepare();
    return createOfflineScorer(rubric, similarity, weights, (answer, ids) => retriever.scorePassages(answer, ids));
  });
  // The openai client is imported only when a key is set: offline starts skip its load time.
  const llm = config.OPENAI_API_KEY
    ? (await import('./llm.js')).createLlm(rubric, { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.WUYIN_LLM_MODEL, timeoutMs: config.WUYIN_LLM_TIMEOUT_MS, turnBudgetMs: config.WUYIN_LLM_TURN_BUDGET_MS })
    : undefined;
  if (llm) log.info('LLM enabled', { model: config.WUYIN_LLM_MODEL, baseURL: config.OPENAI_BASE_URL ?? 'default' });
  const scorer = llm ? createLlmScorer(rubric, offline, llm) : offline;
  // Built once the process is idle: after the first turn (the chat's greeting) or a second after start
  // (a server before its first message), whichever comes first.
  let warming: NodeJS.Immediate | undefined;
  // A knowledge file that fails its schema is logged here and fails each scored turn with a clear reply;
  // it must not end the process from a timer.
  const warm = () => { try { offline.warm(); } catch (err) { log.error('building the scorer failed', { error: (err as Error).message }); } };
  const warmSoon = () => { if (!offline.built && !warming) warming = setImmediate(warm); };
  const warmTimer = setTimeout(warmSoon, WARM_AFTER_MS).unref();
  const campaigns = await openConfiguredCampaignStore(config);
  const reportLinks = await openConfiguredReportLinks(config);
  const provenance = { scorerVersion: llm ? `wuyin-1/llm:${config.WUYIN_LLM_MODEL}` : 'wuyin-1/offline', rubricHash: rubric.source.sha256 };
  const orchestrator = createOrchestrator({ rubric, scorer, alsoScorer: offline, retrieval: retriever, llm }, { store, maxChars: config.WUYIN_MAX_MESSAGE_CHARS, campaigns, reportLinks, provenance });
  // Redeliveries come within minutes; ids older than WUYIN_DEDUPE_DAYS only grow the file.
  const prune = async () => {
    const pruned = await store.pruneProcessed(new Date(Date.now() - config.WUYIN_DEDUPE_DAYS * DAY_MS));
    if (pruned) log.info('pruned old processed-message ids', { pruned });
  };
  await prune();
  const pruning = setInterval(() => void prune().catch((err: Error) => log.warn('pruning failed', { error: err.message })), HOUR_MS).unref();
  let inFlight = 0;
  let drained: (() => void) | undefined;
  return {
    store, campaigns, reportLinks, retriever, scorer, llm, rubric,
    // On PostgreSQL the database is the store: /healthz fails (503) when it cannot be reached.
    canWrite: ping ? createStoreProbe(ping) : createWriteProbe(config.dataDir),
    begin: (key, preset) => orchestrator.begin(key, preset),
    async handle(msg, opts) {
      inFlight++;
      // One LLM time budget per turn: a slow or hung LLM ends in the offline answer, not a lost turn.
      // Offline there is no LLM call to bound, and the budget's AsyncLocalStorage would turn on promise
      // hooks that cost every promise of the process (0.7 s of 27 s in the delivery bench's profile).
      try { return await (llm ? withTurnBudget(config.WUYIN_LLM_TURN_BUDGET_MS, () => orchestrator.handle(msg, opts)) : orchestrator.handle(msg, opts)); } finally {
        warmSoon();
        inFlight--;
        if (inFlight === 0) drained?.();
      }
    },
    // Graceful shutdown: in-flight turns finish before the database closes.
    async close() {
      clearInterval(pruning);
      clearTimeout(warmTimer);
      if (warming) clearImmediate(warming);
      if (inFlight > 0) await new Promise<void>((resolve) => { drained = resolve; });
      await campaigns.close();
      await reportLinks.close();
      await corpus.close();
      await store.close();
    },
  };
}
