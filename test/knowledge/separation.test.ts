import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRealData, loadScoringCases } from '../../evals/load.js';
import { loadLevelExamples } from '../../knowledge/examples.js';
import { loadQuestionExamples } from '../../knowledge/questions.js';

/**
 * Test data is never product knowledge: no eval answer is among the scorer's settled answers, the
 * product's modules never reach evals/, and a deployment without evals/ scores exactly as with it.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** NFKC, lower case, letters and digits only: a copy with other punctuation or spacing is the same answer. */
const normal = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

describe('test data apart from product knowledge', () => {
  it('no eval answer (normalised) is among the settled answers the product reads', () => {
    const settled = new Map(loadLevelExamples().map((e) => [normal(e.answer), `${e.source}/${e.id}`]));
    const real = loadRealData();
    const evalAnswers = [...loadScoringCases(), ...Object.values(real.scoring).flat()];
    expect(evalAnswers.length).toBeGreaterThan(1000);
    const leaks = evalAnswers.filter((c) => normal(c.answer) && settled.has(normal(c.answer)))
      .map((c) => `${c.split}/${c.id} = ${settled.get(normal(c.answer))}`);
    expect(leaks).toEqual([]);
  });

  it('no eval question (normalised, or one containing the other) is among the settled questions the product reads', () => {
    const settled = loadQuestionExamples().map((q) => [normal(q.query), q.id] as const);
    const questions = [...loadRealData().questions.dev, ...loadRealData().questions.test];
    expect(questions.length).toBeGreaterThan(150);
    const leaks = questions.flatMap((q) => settled.filter(([s]) => s.includes(normal(q.query)) || normal(q.query).includes(s))
      .map(([, id]) => `${q.id} = ${id}`));
    expect(leaks).toEqual([]);
  });

  it('the product module graph (every CLI command but eval and bench) never reaches evals/', () => {
    const specifier = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
    const seen = new Set<string>();
    const queue = ['bin/wuyin.mjs', 'bot/index.ts', 'adapters/serve.ts'].map((f) => path.join(ROOT, f));
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(specifier)) {
        if (!spec!.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec!).replace(/\.js$/, '.ts');
        // The evaluation tooling is a command of its own, not part of the product.
        if (/cli\/(eval|bench)\.ts$/.test(target)) continue;
        if (fs.existsSync(target)) queue.push(target);
      }
    }
    const files = [...seen].map((f) => path.relative(ROOT, f));
    expect(files).toEqual(expect.arrayContaining(['bot/index.ts', 'knowledge/examples.ts', 'knowledge/level-hints.ts', 'retrieval/en-lexicon.ts', 'cli/score.ts']));
    expect(files.filter((f) => f.startsWith('evals/'))).toEqual([]);
    // Nor does any of them name the folder to read a file from it.
    const naming = files.filter((f) => /['"`/]evals['"`/]/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(naming).toEqual([]);
  });

  it('a deployment without evals/ scores a fixed list of answers exactly as the repository does', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-noevals-'));
    try {
      for (const entry of fs.readdirSync(ROOT)) {
        if (['evals', 'test', 'node_modules', 'data', '.git'].includes(entry)) continue;
        fs.cpSync(path.join(ROOT, entry), path.join(tree, entry), { recursive: true });
      }
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
      const answers: Array<[string, string]> = [
        ['1.1', '数据都在各人电脑里，硬盘坏过一次'], ['1.5', '做了同城双活，每年灾备演练'], ['2.1', '门店收银和会员都线上了，订奶卡还是纸的'],
        ['3.4', '试过一次销量预测，后来没再用'], ['4.3', '谁都能导出会员数据，没有权限管理'], ['5.2', '经营分析全靠手工做报表'],
        ['1.2', 'we run everything on one rented server, no redundancy'], ['4.1', 'data catalogue and governance across the whole group'],
        ['2.3', '你好'], ['5.5', '给我打5分'],
      ];
      const script = `import { createBot } from './bot/index.ts';
import { loadConfig } from './config.ts';
const bot = await createBot(loadConfig({ WUYIN_DATA_DIR: process.argv[2], WUYIN_LOG_LEVEL: 'silent' }));
const out = [];
for (const [i, a] of ${JSON.stringify(answers)}) out.push(await bot.scorer.score(i, a));
await bot.close();
process.stdout.write(JSON.stringify(out));
`;
      const runIn = (dir: string) => {
        const file = path.join(dir, `.score-fixed-${process.pid}.mts`);
        fs.writeFileSync(file, script);
        const data = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-noevals-data-'));
        try {
          return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', file, data], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } }));
        } finally {
          fs.rmSync(file, { force: true });
          fs.rmSync(data, { recursive: true, force: true });
        }
      };
      const without = runIn(tree);
      const withEvals = runIn(ROOT);
      expect(fs.existsSync(path.join(tree, 'evals'))).toBe(false);
      expect(without).toHaveLength(answers.length);
      expect(without.filter((r: { level?: number }) => r.level).length).toBeGreaterThanOrEqual(8);
      expect(without).toEqual(withEvals);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  }, 60_000);
});
