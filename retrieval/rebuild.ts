import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.js';
import type { Rubric } from '../knowledge/types.js';
import type { Bm25Params } from './bm25.js';
import { IndexTooLargeError } from './build-budget.js';
import type { BuildEstimate, BuildLimits } from './build-budget.js';
import { IngestFileError, type Extracted } from './extract.js';
import type { LsaParams } from './lsa-embedder.js';

/**
 * The index build of an ingest, a removal or a shared-corpus change, run in a worker thread. Building
 * tokenises the corpus, fits the LSA and builds the graph synchronously (measured 2.8 s of a blocked event
 * loop for one small file at the whitepaper's size): in the bot's thread that would hold every Slack ack
 * and DingTalk frame meanwhile. The worker saves the index; the bot's thread then loads the saved files
 * (state.ts's load path) and swaps them in, so searches use the previous index until the new one is ready.
 */
export interface BuildJob {
  dataDir: string;
  /** Structured-cloned into the worker (plain JSON); the worker loads knowledge/rubric.json when absent. */
  rubric?: Rubric;
  /** WUYIN_EMBEDDING_MODEL: the worker opens the same local model folder. */
  embeddingModel?: string;
  bm25?: Bm25Params;
  lsa?: LsaParams;
  foldInFrom?: number;
  hints: boolean;
  examples: boolean;
}

export interface BuildOutcome {
  passages: number;
  built: boolean;
  folded: number;
  ms: number;
  reason?: string;
}

const BOOT = new URL('./rebuild-boot.mjs', import.meta.url);

/** Text extraction of a file to ingest (pdfjs, mammoth and the zip checks are synchronous in stretches). */
export interface ExtractJob {
  extract: string;
  maxBytes: number;
}

type FromWorker<T> =
  | { ok: true; outcome: T } | { ok: false; error: string; refused?: boolean; tooLarge?: { estimate: BuildEstimate; limits: BuildLimits } }
  | { log: { level: keyof Logger; msg: string; fields?: Record<string, unknown> } };

export function buildOffThread(job: BuildJob, log: Logger): Promise<BuildOutcome> {
  return inWorker<BuildOutcome>(job, log, 'index build');
}

/** extractText in a worker; a refusal comes back as the same IngestFileError. */
export function extractOffThread(file: string, maxBytes: number, log: Logger): Promise<Extracted> {
  return inWorker<Extracted>({ extract: file, maxBytes }, log, 'text extraction');
}

function inWorker<T>(job: BuildJob | ExtractJob, log: Logger, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { workerData: job });
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: FromWorker<T>) => {
      if ('log' in m) return void log[m.log.level](m.log.msg, m.log.fields);
      done(() => {
        if (m.ok) return resolve(m.outcome);
        // Refusals keep their type: a bad file gets its clear reply, and a build past the budget lets an ingest
        // take its new file back out.
        if (m.tooLarge) return reject(new IndexTooLargeError(m.tooLarge.estimate, m.tooLarge.limits));
        reject(m.refused ? new IngestFileError(m.error) : new Error(`${what} failed: ${m.error}`));
      });
    });
    worker.once('error', (err) => done(() => reject(new Error(`${what} worker failed: ${err.message}`))));
    worker.once('exit', (code) => done(() => reject(new Error(`${what} worker exited (${code}) before it finished`))));
  });
}
