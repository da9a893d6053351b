import type { Config } from '../config.js';
import { logger } from '../log.js';
import type { Logger } from '../log.js';
import { createRetriever } from './retriever.js';
import type { Retriever, RetrieverOptions } from './retriever.js';
import { pgSharedCorpus, sharedCacheDir } from './shared-corpus.js';

/**
 * The retriever as configuration asks for it: embedded (material and index in the data dir), or,
 * with WUYIN_DATABASE_URL, on the corpus every replica shares (material in PostgreSQL, this
 * replica's mirror and index in <dataDir>/shared-corpus). `poll` (the bot) checks the shared
 * version every WUYIN_CORPUS_POLL_MS and builds changed indexes in a worker thread; one-shot commands
 * (ingest, sources, search) do neither.
 */
export interface ConfiguredRetriever {
  retriever: Retriever;
  /** True when the material lives in PostgreSQL. */
  shared: boolean;
  close(): Promise<void>;
}

type CorpusConfig = Pick<Config, 'dataDir' | 'WUYIN_DATABASE_URL' | 'WUYIN_CORPUS_POLL_MS'>;

export async function configuredRetriever(
  config: CorpusConfig, opts: Omit<RetrieverOptions, 'dataDir' | 'shared'> = {}, poll = false,
): Promise<ConfiguredRetriever> {
  if (!config.WUYIN_DATABASE_URL) {
    const retriever = await createRetriever({ ...opts, dataDir: config.dataDir, offThread: poll });
    return { retriever, shared: false, close: async () => undefined };
  }
  // The pg driver is loaded only when PostgreSQL is configured: embedded starts never pay for it.
  const { createPool, migrate } = await import('../bot/store/postgres/db.js');
  const pool = createPool({ url: config.WUYIN_DATABASE_URL, max: 4 });
  await migrate(pool);
  const corpus = pgSharedCorpus(pool, true);
  const retriever = await createRetriever({ ...opts, dataDir: sharedCacheDir(config.dataDir), shared: corpus, offThread: poll });
  const stop = poll ? startCorpusPolling(retriever, config.WUYIN_CORPUS_POLL_MS) : () => undefined;
  return {
    retriever, shared: true,
    async close() {
      stop();
      await corpus.close();
    },
  };
}

/** Polls the shared corpus version; a failed poll (database down) is logged and retried next time. */
export function startCorpusPolling(retriever: Retriever, everyMs: number, log: Logger = logger('retrieval')): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    retriever.refresh()
      .catch((err: Error) => log.warn('could not check the shared corpus; answering from the last one', { error: err.message }))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
