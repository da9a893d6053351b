import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Llm } from '../../bot/deps.js';
import { randomRetriever } from '../../evals/baselines/retrieval.js';
import { constantScorer } from '../../evals/baselines/scoring.js';
import { compare, type Baseline } from '../../evals/gate.js';
import { run } from '../../evals/run.js';
import type { Inject } from '../../evals/types.js';
import type { Scorer } from '../../bot/interview/scorer.js';
import { loadLevelExamples } from '../../knowledge/examples.js';

/** The gate bites: a degraded scorer or retriever makes `wuyin eval` exit non-zero, naming the metric. */
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-eval-test-'));
afterAll(() => fs.rmSync(reports, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function evalRun(args: string[], inject?: Inject): Promise<{ code: number; out: string; json: Record<string, any> }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await run([...args, '--report-dir', reports], inject);
  vi.restoreAllMocks();
  const json = JSON.parse(fs.readFileSync(path.join(reports, 'latest.json'), 'utf8'));
  return { code, out, json };
}

describe('the eval gate', () => {
  it('fails on a scorer that always answers level 3, naming scoring.exact', async () => {
    const { code, out, json } = await evalRun(['--suite', 'scoring'], { scorer: () => constantScorer(3) });
    expect(code).toBe(1);
    expect(out).toMatch(/REGRESSION scoring\.exact regressed/);
    expect(json.regressions.map((r: { metric: string }) => r.metric)).toEqual(expect.arrayContaining(['scoring.exact', 'scoring.exact_heldout', 'scoring.offtopic_rejection']));
    const junit = fs.readFileSync(path.join(reports, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase classname="eval\.scoring" name="scoring\.exact"><failure message="scoring\.exact regressed/);
  });

  it('scores every data file with its own settled answers held out as examples', async () => {
    const heldOutFor: string[] = [];
    const settled = loadLevelExamples();
    // A scorer that looks each answer up among the settled answers: perfect when it may see its own.
    const peeking = (real: Scorer): Scorer => {
      const lookup = (without: ReadonlySet<string>): Scorer => ({
        async score(indicator, answer) {
          const hit = settled.find((e) => e.answer === answer && e.indicator === indicator && !without.has(e.source));
          return hit ? { indicator, level: hit.level, confidence: 1, candidates: [{ level: hit.level, score: 1 }], reason: 'content' } : real.holdingOut!(without).score(indicator, answer);
        },
        holdingOut: (sources) => { heldOutFor.push(...sources); return lookup(sources); },
      });
      return lookup(new Set());
    };
    const { json } = await evalRun(['--suite', 'scoring'], { scorer: peeking });
    expect(new Set(heldOutFor)).toEqual(new Set(['p45', 'p123', 'fresh', 'blind', 'chat', 'final', 'holdout', 'busy', 'phone', 'desk']));
    // Held out, the lookup never finds the answer itself: the figures are the real scorer's, not 1.0.
    expect(json.metrics['scoring.exact']).toBeLessThan(0.99);
  });

  it('fails on a retriever that returns random passages, naming retrieval.hit@5', async () => {
    const { code, out } = await evalRun(['--suite', 'retrieval', '--json'], { retriever: (r) => randomRetriever(r.passages()) });
    expect(code).toBe(1);
    const printed = JSON.parse(out);
    expect(printed.regressions.map((r: { metric: string }) => r.metric)).toEqual(expect.arrayContaining(['retrieval.hit@1', 'retrieval.hit@5', 'retrieval.mrr', 'retrieval.ndcg@5']));
    expect(printed.metrics['retrieval.hit@5']).toBeLessThan(0.3);
    expect(printed.baseline['retrieval.hit@5']).toBeGreaterThan(0.3); // the naive baseline, beside the product
  });

  it('does not gate a tag-filtered run, and rejects unknown suites with exit 2', async () => {
    const { code, out } = await evalRun(['--suite', 'scoring', '--tag', 'negation'], { scorer: () => constantScorer(3) });
    expect(code).toBe(0);
    expect(out).toContain('gate not applied');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['--suite', 'nope'])).toBe(2);
  });

  it('runs an LLM pass beside the offline one', async () => {
    const llm: Llm = { judge: async () => ({ level: 2, confidence: 0.9, rationale: 'fake' }), answer: async () => undefined };
    const { code, json } = await evalRun(['--suite', 'scoring', '--llm'], { llm });
    expect(code).toBe(0);
    expect(json.llm['scoring.exact']).toBeGreaterThan(0);
    expect(json.llm['scoring.exact']).not.toBe(json.metrics['scoring.exact']);
  });
});

describe('compare', () => {
  const baseline: Baseline = {
    about: '', updated: '', sizes: {},
    metrics: {
      'scoring.exact': { value: 0.7, tolerance: 0.02, better: 'higher' },
      'scoring.mae': { value: 0.5, tolerance: 0.05, better: 'lower' },
      'scoring.latency_p95_ms': { value: 1, tolerance: null, better: 'lower' },
      'retrieval.mrr': { value: 0.75, tolerance: 0.02, better: 'higher' },
    },
  };
  it('flags a drop beyond the tolerance in the metric’s direction only', () => {
    expect(compare(baseline, { 'scoring.exact': 0.69, 'scoring.mae': 0.54, 'scoring.latency_p95_ms': 99 }, ['scoring'])).toEqual([]);
    const r = compare(baseline, { 'scoring.exact': 0.67, 'scoring.mae': 0.56, 'scoring.latency_p95_ms': 1 }, ['scoring']);
    expect(r.map((x) => x.metric)).toEqual(['scoring.exact', 'scoring.mae']);
    expect(r[0]!.message).toBe('scoring.exact regressed: 0.670 < 0.700 − 0.02');
  });
  it('reports a gated metric that is no longer measured, for the suites that ran', () => {
    expect(compare(baseline, { 'scoring.mae': 0.5 }, ['scoring']).map((x) => x.metric)).toEqual(['scoring.exact']);
  });
});
