import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { createBot, type Bot } from '../bot/index.js';
import type { Retriever } from '../retrieval/retriever.js';
import type { Llm } from '../bot/deps.js';
import { createLlmScorer } from '../bot/interview/llm-scorer.js';
import { createLlm } from '../bot/llm.js';
import type { Rubric } from '../knowledge/types.js';
import { naiveRetriever, neighbourRetriever } from './baselines/retrieval.js';
import { naiveScorer } from './baselines/scoring.js';
import type { Inject, Searcher, System } from './types.js';
import type { Scorer } from '../bot/interview/scorer.js';
import type { Signal } from '../knowledge/types.js';
import { loadLevelExamples } from '../knowledge/examples.js';
import { loadQuestionExamples } from '../knowledge/questions.js';
import { neighbourScorer } from './baselines/neighbours.js';

/**
 * The systems under test, wired exactly as the product wires itself (createBot) in a throw-away
 * data dir: the offline default, optionally the LLM judge, and the naive baseline.
 */
export interface Systems {
  product: System;
  llm?: System;
  naive: System;
  /** The fair baseline: bigram neighbours over the product's own settled answers. */
  neighbours: Scorer;
  /** The same for real questions: bigram neighbours over the product's own settled questions. */
  questionNeighbours: Searcher;
  /** The real retriever, for passages and index statistics. */
  retriever: Retriever;
  close(): Promise<void>;
}

export async function buildSystems(opts: { llm: boolean; inject?: Inject; ablate?: readonly Signal[] }): Promise<Systems> {
  if (opts.llm && !opts.inject?.llm && !loadConfig().OPENAI_API_KEY) {
    throw new UsageError('--llm needs OPENAI_API_KEY (and optionally OPENAI_BASE_URL, WUYIN_LLM_MODEL)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-eval-'));
  // The gate is on the offline default: an API key in the environment must not change it.
  const bot: Bot = await createBot(loadConfig({ ...process.env, WUYIN_DATA_DIR: dir, OPENAI_API_KEY: '' }), { without: new Set(opts.ablate ?? []) });
  const { rubric, retriever } = bot;
  const inject = opts.inject ?? {};
  const scorer = inject.scorer ? inject.scorer(bot.scorer) : bot.scorer;
  const searcher = inject.retriever ? inject.retriever(retriever) : retriever;
  const product: System = { label: 'product', rubric, retriever: searcher, scorer, modes: !inject.retriever };
  const naive: System = { label: 'naive', rubric, retriever: naiveRetriever(retriever.passages()), scorer: naiveScorer(rubric), modes: false };

  let llm: System | undefined;
  if (opts.llm) {
    const judge = inject.llm ?? llmFromConfig(rubric);
    llm = { label: 'llm', rubric, retriever: searcher, scorer: createLlmScorer(rubric, scorer, judge), llm: judge, modes: product.modes };
  }
  return {
    product, naive, llm, retriever,
    // Over the same examples the product reads, even in an ablation (the baseline does not change).
    neighbours: neighbourScorer(loadLevelExamples()),
    questionNeighbours: neighbourRetriever(loadQuestionExamples(), retriever.passages()),
    async close() {
      await bot.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The LLM with the same options createBot uses when OPENAI_API_KEY is set. */
function llmFromConfig(rubric: Rubric): Llm {
  const config = loadConfig();
  return createLlm(rubric, { apiKey: config.OPENAI_API_KEY!, baseURL: config.OPENAI_BASE_URL, model: config.WUYIN_LLM_MODEL, timeoutMs: config.WUYIN_LLM_TIMEOUT_MS });
}

export class UsageError extends Error {}
