import { loadConfig, secretValues } from '../config.js';
import { configureLog } from '../log.js';
import { createBot } from '../bot/index.js';
import { isIndicatorId } from '../knowledge/load.js';
import { cleanUserText } from '../bot/sanitize.js';
import { flag, parseArgs } from './args.js';

/** `wuyin score --indicator 1.1 --answer "…" [--json]`: score one free-text answer. */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const indicator = flag(args, 'indicator');
  const answer = flag(args, 'answer');
  if (!indicator || !isIndicatorId(indicator)) { process.stderr.write('wuyin score: --indicator must be an indicator id 1.1 … 5.5\n'); return 2; }
  if (answer === undefined || !cleanUserText(answer)) { process.stderr.write('wuyin score: --answer "…" is required and must not be empty\n'); return 2; }
  const config = loadConfig();
  configureLog({ level: config.WUYIN_LOG_LEVEL === 'info' ? 'warn' : config.WUYIN_LOG_LEVEL, secrets: secretValues(config) });
  const bot = await createBot(config);
  try {
    const r = await bot.scorer.score(indicator, cleanUserText(answer));
    const out = { indicator: r.indicator, level: r.level ?? null, confidence: r.confidence, candidates: r.candidates, evidence: r.evidence ?? null, reason: r.reason };
    if (args.flags.has('json')) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    else if (!r.level) process.stdout.write(`${indicator}: no level — the answer holds nothing to assess (${r.reason})\n`);
    else process.stdout.write(`${indicator}: level ${r.level} (confidence ${Math.round(r.confidence * 100)}%)\nmatched descriptor: ${r.evidence}\ncandidates: ${r.candidates.map((c) => `${c.level}:${c.score}`).join('  ')}\n`);
    return 0;
  } finally {
    await bot.close();
  }
}
