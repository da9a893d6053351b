import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBot } from '../../bot/index.js';
import { loadConfig } from '../../config.js';
import { loadRubric } from '../../knowledge/load.js';
import type { Signal } from '../../knowledge/types.js';
import { EN_LEXICON } from '../../retrieval/en-lexicon.js';
import { buildEnglishMap } from '../../retrieval/vocabulary.js';
import { headline, type Scored } from '../figures.js';
import { loadRealData } from '../load.js';
import { DEFAULT_BASELINE, runEvals } from '../run.js';
import { scoreAll } from '../suites/scoring.js';
import { cedictTerms } from './reverse.js';

/**
 * The English bridges side by side, on DEVELOPMENT figures only (it never prints a test figure, so the
 * choice cannot lean on the sealed split): the hand lexicon alone (the product), CC-CEDICT alone, the
 * lexicon with CC-CEDICT for the phrases nothing else maps, and neither. The product is not changed:
 * the reversed dictionary (reverse.ts) is put in the lexicon's place in memory, where buildEnglishMap
 * reads it, for the run of one configuration. Prints CPU time and load beside each.
 * Run: `npm install --no-save chinese-lexicon@1.0.43 && npx tsx evals/cedict/configs.ts [--json] [--only=1,3]`.
 */
type Bridge = 'hand' | 'cedict' | 'both' | 'neither';
const CONFIGS: Array<[string, Bridge]> = [
  ['hand lexicon only', 'hand'],
  ['CEDICT only', 'cedict'],
  ['lexicon + CEDICT fallback', 'both'],
  ['neither', 'neither'],
];
const rubric = loadRubric();
const hand = [...EN_LEXICON];
const lexicon = EN_LEXICON as Array<readonly [string, string]>;
/** vocabulary.ts phraseRegex's source: a phrase is "already mapped" when the map has its pattern. */
const patternOf = (phrase: string) => `(^|[^a-z0-9])${phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  .replace(/[\s-]+/g, '[\\s-]+')}(?:e?s)?(?=$|[^a-z0-9])`;
/** Sets the lexicon for one configuration; CEDICT only fills phrases the rest of the map lacks. */
function bridge(b: Bridge): Signal[] {
  lexicon.splice(0, lexicon.length, ...(b === 'hand' || b === 'both' ? hand : []));
  if (b === 'cedict' || b === 'both') {
    const known = new Set(buildEnglishMap(rubric).map((e) => e.re.source));
    lexicon.push(...cedictTerms(rubric).filter(([en]) => !known.has(patternOf(en))));
  }
  return b === 'neither' ? ['lexicon'] : [];
}
/** Dev metrics of `npm run eval`: synthetic retrieval and scoring (development sets), real dev splits. */
const DEV = new RegExp('^(retrieval\\.(hit@5|mrr|lang_en\\.hit@5)|scoring\\.(exact|lang_en\\.exact)'
  + '|real\\.dev\\.(exact|within1|qwk|lang_en\\.exact)|real\\.questions_dev\\.(hit@5|mrr))$');

const parallelFile = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'datasets', 'real', 'parallel.jsonl');
const parallelSplit = new Map(fs.readFileSync(parallelFile, 'utf8').split('\n').filter((l) => l.trim())
  .map((l) => { const j = JSON.parse(l) as { id: string; split: string }; return [j.id, j.split]; }));
const parallelDev = loadRealData().scoring.parallel.filter((c) => parallelSplit.get(c.id) === 'dev');

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const rows: Array<Record<string, number | string>> = [];
for (const [name, b] of CONFIGS.filter((_, i) => !only || only.includes(String(i + 1)))) {
  const c0 = process.cpuUsage();
  const ablate = bridge(b);
  const run = await runEvals({ suites: ['retrieval', 'scoring', 'real'], baselineFile: DEFAULT_BASELINE, ablate, llm: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-lex-'));
  const bot = await createBot(loadConfig({ ...process.env, WUYIN_DATA_DIR: dir, OPENAI_API_KEY: '' }), { without: new Set(ablate) });
  const xs: Scored[] = await scoreAll(bot.scorer, parallelDev);
  const exact = (s: Scored[]) => s.filter((o) => o.predicted === o.gold).length / s.length;
  const zh = exact(xs.filter((o) => o.lang === 'zh'));
  const en = exact(xs.filter((o) => o.lang === 'en'));
  const cpu = process.cpuUsage(c0);
  const row: Record<string, number | string> = { config: name, phrases: lexicon.length };
  for (const [k, v] of Object.entries(run.metrics)) if (DEV.test(k)) row[k] = Number(v.toFixed(3));
  Object.assign(row, {
    'parallel_dev.exact': Number(headline(xs).exact!.toFixed(3)), 'parallel_dev.exact_zh': Number(zh.toFixed(3)),
    'parallel_dev.exact_en': Number(en.toFixed(3)), 'parallel_dev.gap': Number(Math.abs(zh - en).toFixed(3)),
    'parallel_dev.n': xs.length, cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)), load: os.loadavg()[0]!.toFixed(1),
  });
  rows.push(row);
  console.error(JSON.stringify(row));
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 1));
else console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/^real\./, ''), v]))));
