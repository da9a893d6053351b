import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.js';
import type { Rubric } from '../knowledge/types.js';
import type { Bm25Params } from './bm25.js';
import { IndexTooLargeError } from './build-budget.js';
import type { BuildEstimate, BuildLimits } from './build-budget.js';
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
}

export interface BuildOutcome {
  passages: number;
  built: boolean;
  folded: number;
  ms: number;
  reason?: string;
}

const BOOT = new URL('./rebuild-boot.mjs', import.meta.url);

type FromWorker =
  | { ok: true; outcome: BuildOutcome }
  | { ok: false; error: string; tooLarge?: { estimate: BuildEstimate; limits: BuildLimits } }
  | { log: { level: keyof Logger; msg: string; fields?: Record<string, unknown> } };

export function buildOffThread(job: BuildJob, log: Logger): Promise<BuildOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { workerData: job });
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: FromWorker) => {
      if ('log' in m) return void log[m.log.level](m.log.msg, m.log.fields);
      done(() => {
        if (m.ok) return resolve(m.outcome);
        // The build budget's refusal keeps its type, so an ingest can take its new file back out.
        reject(m.tooLarge ? new IndexTooLargeError(m.tooLarge.estimate, m.tooLarge.limits) : new Error(`index build failed: ${m.error}`));
      });
    });
    worker.once('error', (err) => done(() => reject(new Error(`index build worker failed: ${err.message}`))));
    worker.once('exit', (code) => done(() => reject(new Error(`index build worker exited (${code}) before it finished`))));
  });
}
