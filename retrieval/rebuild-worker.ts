import { parentPort, workerData } from 'node:worker_threads';
import { IndexTooLargeError } from './build-budget.js';
import type { Logger } from '../log.js';
import { loadCorpus } from './corpus.js';
import { extractText, IngestFileError } from './extract.js';
import type { BuildJob, BuildOutcome, ExtractJob } from './rebuild.js';
import { openState } from './state.js';

/**
 * Builds (or folds into) the index of a data dir and saves it, off the main thread: the caller then
 * loads the saved files, which costs a fraction of the build. Nothing but the outcome comes back.
 */
async function main(job: BuildJob): Promise<BuildOutcome> {
  // Lines go to the bot's thread, whose logger holds the level, the secrets to redact and the sink.
  const post = (level: keyof Logger) => (msg: string, fields?: Record<string, unknown>) => parentPort!.postMessage({ log: { level, msg, fields } });
  const log: Logger = { debug: post('debug'), info: post('info'), warn: post('warn'), error: post('error') };
  const rubric = job.rubric ?? (await import('../knowledge/load.js')).loadRubric();
  const embedder = job.embeddingModel
    ? await (await import('./transformers-embedder.js')).TransformersEmbedder.create(job.embeddingModel)
    : undefined;
  const onSkip = (file: string, why: string) => log.warn(`skipping user file ${file}: ${why}`);
  const corpus = await loadCorpus(rubric, job.dataDir, onSkip, { hints: job.hints, examples: job.examples });
  const s = await openState({ dataDir: job.dataDir, corpus, embedder, bm25: job.bm25, lsa: job.lsa, foldInFrom: job.foldInFrom, log });
  return { passages: s.corpus.passages.length, built: s.built, folded: s.folded ?? 0, ms: Math.round(s.ms), ...(s.reason ? { reason: s.reason } : {}) };
}

const job = workerData as BuildJob | ExtractJob;
('extract' in job ? extractText(job.extract, job.maxBytes) : main(job)).then(
  (outcome) => parentPort!.postMessage({ ok: true, outcome }),
  (err: Error) => parentPort!.postMessage({
    ok: false, error: err.message, refused: err instanceof IngestFileError,
    ...(err instanceof IndexTooLargeError ? { tooLarge: { estimate: err.estimate, limits: err.limits } } : {}),
  }),
);
