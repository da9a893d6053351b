import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionState } from '../../bot/session.js';
import type { Reply } from '../../bot/types.js';
import { loadEvalQueries } from '../../retrieval/metrics.js';
import { rng } from './stats.js';

/**
 * A simulated person for the benchmarks: it reads the bot's last replies and the session phase and
 * types what people type — digits, free-text answers from the scoring eval set, confirmations,
 * questions about the whitepaper and commands — in a seeded, repeatable mix.
 */
export interface SimUser {
  next(phase: SessionState['phase'] | undefined, indicator: string | undefined, last: Reply[]): string;
}

export interface SimOptions {
  seed: number;
  /** 重新开始 wipes the transcript, which the load test's lost/doubled check must not meet. */
  allowRestart?: boolean;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COMMANDS = ['进度', '帮助', '返回', '跳过', '报告', 'progress'];
const CONFIRMS = ['对', '是的', '确认', 'ok', '👍'];

interface Pools { answers: Map<string, string[]>; questions: string[] }
let pools: Pools | undefined;

function loadPools(): Pools {
  if (pools) return pools;
  const answers = new Map<string, string[]>();
  const dir = path.join(ROOT, 'evals/datasets/scoring');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { indicator: string; answer: string };
      answers.set(row.indicator, [...(answers.get(row.indicator) ?? []), row.answer]);
    }
  }
  // Questions as people ask them: the retrieval eval queries, with a question mark so they classify as questions.
  const questions = loadEvalQueries().map((q) => (/[?？]$/.test(q.query) ? q.query : q.query + (q.lang === 'zh' ? '？' : '?')));
  return (pools = { answers, questions });
}

export function createSimUser(o: SimOptions): SimUser {
  const { answers, questions } = loadPools();
  const rand = rng(o.seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const digit = () => String(1 + Math.floor(rand() * 5));
  return {
    next(phase, indicator, last) {
      const kinds = new Set(last.map((r) => r.kind));
      const x = rand();
      if (phase === undefined) return pick(['开始', '你好', 'hi']);
      if (phase === 'elements') return x < 0.5 ? '全部' : x < 0.8 ? pick(['6,8', '零售 物流', '1 2 3', 'retail, brand']) : pick(questions);
      if (phase === 'mode') return x < 0.3 ? '1' : x < 0.8 ? '2' : '3';
      if (phase === 'pillar') return String(1 + Math.floor(rand() * 5));
      if (phase === 'done') {
        if (o.allowRestart && x < 0.25) return '重新开始';
        return x < 0.6 ? pick(questions) : x < 0.8 ? '报告' : '返回';
      }
      // interview
      if (kinds.has('proposal')) return x < 0.7 ? pick(CONFIRMS) : x < 0.9 ? digit() : pick(answers.get(indicator ?? '') ?? ['我们有一些系统']);
      if (kinds.has('followup')) return x < 0.8 ? digit() : pick(CONFIRMS);
      if (x < 0.35) return pick([digit(), `${digit()}级`, `level ${digit()}`]);
      if (x < 0.8) return pick(answers.get(indicator ?? '') ?? ['我们有一些系统']);
      if (x < 0.9) return pick(questions);
      return pick(COMMANDS);
    },
  };
}
