import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Scorer } from '../../bot/interview/scorer.js';
import { DATASETS_DIR } from '../../evals/load.js';
import { run } from '../../evals/run.js';
import type { Inject } from '../../evals/types.js';

/**
 * The gate bites on the mechanisms, not only on a broken system as a whole: negation, the settled
 * answers and the English lexicon are broken on purpose, one at a time, and each run fails naming
 * the metric that shows it. On a quarter of the synthetic scoring lines (and every negation line), against a baseline accepted
 * from the intact product on the same lines, so it runs in seconds.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-breaks-'));
const datasets = path.join(tmp, 'datasets');
const baseline = path.join(tmp, 'baseline.json');
const reports = path.join(tmp, 'reports');

async function evalRun(args: string[], inject?: Inject): Promise<{ code: number; regressions: string[] }> {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await run(['--suite', 'scoring,retrieval', '--datasets', datasets, '--baseline', baseline, '--report-dir', reports, ...args], inject);
    const json = JSON.parse(fs.readFileSync(path.join(reports, 'latest.json'), 'utf8'));
    return { code, regressions: json.regressions.map((r: { metric: string }) => r.metric) };
  } finally {
    vi.restoreAllMocks();
  }
}

beforeAll(async () => {
  fs.mkdirSync(path.join(datasets, 'scoring'), { recursive: true });
  fs.cpSync(path.join(DATASETS_DIR, 'retrieval'), path.join(datasets, 'retrieval'), { recursive: true });
  for (const f of fs.readdirSync(path.join(DATASETS_DIR, 'scoring'))) {
    const lines = fs.readFileSync(path.join(DATASETS_DIR, 'scoring', f), 'utf8').split('\n').filter(Boolean);
    fs.writeFileSync(path.join(datasets, 'scoring', f), lines.filter((l, i) => i % 4 === 0 || l.includes('"negation"')).join('\n') + '\n');
  }
  expect((await evalRun(['--update-baseline'])).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Negation broken: every negation word is deleted before the product reads the answer. */
const NEGATION = /没有|没|不|无|未|非|缺乏|缺少|别|\bno\b|\bnot\b|n't|\bnever\b|\bwithout\b|\bnone\b|\bnothing\b/giu;
const withoutNegation = (product: Scorer): Scorer => ({ score: (indicator, answer) => product.score(indicator, answer.replace(NEGATION, ' ')) });

describe('the gate fails when a mechanism is broken on purpose', () => {
  it('the intact product passes its own baseline', async () => {
    expect(await evalRun([])).toEqual({ code: 0, regressions: [] });
  }, 90_000);

  it('negation removed: fails on the negation breakdown', async () => {
    const { code, regressions } = await evalRun([], { scorer: withoutNegation });
    expect(code).toBe(1);
    expect(regressions).toContain('scoring.tag_negation.exact');
  }, 90_000);

  it('settled answers switched off: fails on exact agreement', async () => {
    const { code, regressions } = await evalRun(['--ablate', 'examples']);
    expect(code).toBe(1);
    expect(regressions).toEqual(expect.arrayContaining(['scoring.exact', 'scoring.qwk']));
  }, 90_000);

  it('English lexicon switched off: fails on English retrieval and on negated answers', async () => {
    const { code, regressions } = await evalRun(['--ablate', 'lexicon']);
    expect(code).toBe(1);
    expect(regressions).toEqual(expect.arrayContaining(['retrieval.lang_en.hit@5', 'scoring.tag_negation.exact']));
  }, 90_000);
});
