import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBot } from '../bot/index.js';
import { loadConfig } from '../config.js';
import type { IndicatorId } from '../knowledge/types.js';
import { loadLevelExamples } from '../knowledge/examples.js';
import { headline, type Scored } from './figures.js';
import { loadRealData, loadScoringCases, type ScoringCase } from './load.js';
import { scoreAll } from './suites/scoring.js';
import { scoreRanking } from '../retrieval/metrics.js';

/**
 * Development error analysis for the scorer, on DEVELOPMENT data only: the real dev split, the dev
 * half of the parallel set, the real settled answers scored with their file held out of the examples,
 * and the synthetic scoring files. It never scores or prints a line of the sealed test split (nor of the
 * test half of the parallel set): tune on what this prints, then measure the test split once with
 * `npm run eval`. With `--questions` it also runs retrieval on the dev split of the real questions (with
 * `--misses`, each miss with the top five ids). Run:
 * `npx tsx evals/dev.ts [--misses] [--signals] [--synthetic] [--questions]`.
 */
const args = new Set(process.argv.slice(2));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-dev-'));
const bot = await createBot(loadConfig({ ...process.env, WUYIN_DATA_DIR: dir, OPENAI_API_KEY: '' }));
const real = loadRealData();
const examples: ScoringCase[] = loadLevelExamples().filter((e) => e.source === 'real')
  .map((e, i) => ({
    id: `ex-${i}`, indicator: e.indicator, level: e.level, lang: /\p{Script=Han}/u.test(e.answer) ? 'zh' : 'en',
    answer: e.answer, tags: [], split: 'examples',
  }));
// The parallel file keeps each line's split; loadRealData drops it, so it is read back here.
const parallelFile = path.join(path.dirname(new URL(import.meta.url).pathname), 'datasets', 'real', 'parallel.jsonl');
const parallelSplit = new Map(fs.readFileSync(parallelFile, 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => { const j = JSON.parse(l) as { id: string; split: string }; return [j.id, j.split]; }));
const sets: Array<[string, ScoringCase[], boolean]> = [
  ['real-dev', real.scoring.dev, false],
  ['parallel-dev', real.scoring.parallel.filter((c) => parallelSplit.get(c.id) === 'dev'), false],
  ['real-examples (held out)', examples, true],
];
if (args.has('--synthetic')) sets.push(['synthetic', loadScoringCases(), false]);

const f3 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
const all: Scored[] = [];
const synthetic: Scored[] = [];
for (const [name, cases, holdOut] of sets) {
  const scorer = holdOut ? bot.scorer.holdingOut!(new Set(['real'])) : bot.scorer;
  const xs = await scoreAll(scorer, cases);
  if (name !== 'synthetic') all.push(...xs);
  else synthetic.push(...xs);
  const h = headline(xs);
  const zh = xs.filter((o) => o.lang === 'zh' && o.gold !== null);
  const en = xs.filter((o) => o.lang === 'en' && o.gold !== null);
  const ex = (s: Scored[]) => (s.length ? s.filter((o) => o.predicted === o.gold).length / s.length : undefined);
  const bias = xs.filter((o) => o.gold !== null && o.predicted !== null).reduce((s, o) => s + (o.predicted! - o.gold!), 0) / xs.length;
  console.log(`${name.padEnd(26)} n=${xs.length} exact ${f3(h.exact)} within1 ${f3(h.within1)} qwk ${f3(h.qwk)} ece ${f3(h.ece)} zh ${f3(ex(zh))} en ${f3(ex(en))} bias ${bias.toFixed(2)}${h.offtopic_rejection !== undefined ? ` off-topic rejected ${f3(h.offtopic_rejection)}` : ''}`);
  if (args.has('--misses') && name !== 'synthetic') {
    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const o of xs) {
      if (o.predicted === o.gold) continue;
      const c = byId.get(o.id)!;
      const r = await scorer.score(c.indicator as IndicatorId, c.answer);
      console.log(`  ${o.id} ${c.indicator} gold ${o.gold} got ${o.predicted} (${o.confidence}) [${r.candidates.map((k) => `${k.level}:${k.score}`).join(' ')}] ${r.signals?.join(',') ?? ''}${r.ceiling ? ` ≤${r.ceiling}` : ''}\n     ${c.answer.slice(0, 220)}`);
    }
  }
}
if (args.has('--signals')) {
  // Per clause-reader signal: the gold levels of the dev lines that raised it, and what was predicted.
  const byId = new Map(sets.flatMap(([, cases]) => cases).map((c) => [c.id, c]));
  for (const [label, xs] of [['real', all], ['synthetic', synthetic]] as const) {
    console.log(label);
    const table = new Map<string, { gold: number[]; got: number[] }>();
    for (const o of xs) {
      const c = byId.get(o.id)!;
      const r = await bot.scorer.score(c.indicator as IndicatorId, c.answer);
      for (const s of r.signals ?? ['none']) {
        const t = table.get(s) ?? { gold: [0, 0, 0, 0, 0], got: [0, 0, 0, 0, 0] };
        if (o.gold) t.gold[o.gold - 1]!++;
        if (o.predicted) t.got[o.predicted - 1]!++;
        table.set(s, t);
      }
    }
    for (const [s, t] of table) console.log(`  ${s.padEnd(16)} gold ${t.gold.join(' ')}  got ${t.got.join(' ')}`);
  }
}
const h = headline(all);
console.log(`${'all real dev'.padEnd(26)} n=${all.length} exact ${f3(h.exact)} within1 ${f3(h.within1)} qwk ${f3(h.qwk)} ece ${f3(h.ece)}`);
const conf = [0, 1, 2, 3, 4].map(() => [0, 0, 0, 0, 0, 0]);
for (const o of all) if (o.gold !== null) conf[o.gold - 1]![o.predicted === null ? 5 : o.predicted - 1]!++;
console.log('confusion gold × predicted (1..5, none):\n' + conf.map((r, i) => `  ${i + 1}: ${r.join(' ')}`).join('\n'));
if (args.has('--questions')) {
  // Real questions, dev split only: hit@5 and MRR as the eval computes them, and what came back on a miss.
  let hit5 = 0;
  let rr = 0;
  const qs = real.questions.dev;
  for (const q of qs) {
    const ids = (await bot.retriever.search(q.query, { k: 10 })).map((h) => h.id);
    const r = scoreRanking(ids, q.gold);
    hit5 += r.hit5;
    rr += r.rr;
    if (!args.has('--misses') || r.hit5) continue;
    console.log(`  ${q.id} gold ${q.gold.join(',')} got ${ids.slice(0, 5).join(',')}\n     ${q.query.slice(0, 200)}`);
  }
  console.log(`${'questions dev'.padEnd(26)} n=${qs.length} hit@5 ${f3(hit5 / qs.length)} mrr ${f3(rr / qs.length)}`);
}
await bot.close();
fs.rmSync(dir, { recursive: true, force: true });
