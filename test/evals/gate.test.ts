import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Llm } from '../../bot/deps.js';
import { randomRetriever } from '../../evals/baselines/retrieval.js';
import { constantScorer } from '../../evals/baselines/scoring.js';
import { compare, lowered, updatedBaseline, type Baseline } from '../../evals/gate.js';
import { run } from '../../evals/run.js';
import type { Inject } from '../../evals/types.js';

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
    expect(json.regressions.map((r: { metric: string }) => r.metric)).toEqual(expect.arrayContaining(['scoring.exact', 'scoring.exact_p123', 'scoring.offtopic_rejection', 'scoring.lang_en.exact', 'scoring.tag_negation.exact']));
    const junit = fs.readFileSync(path.join(reports, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase classname="eval\.scoring" name="scoring\.exact"><failure message="scoring\.exact regressed/);
  });

  it('puts the fair neighbours baseline and the descriptor baseline beside the product, with intervals', async () => {
    const { json } = await evalRun(['--suite', 'scoring']);
    expect(json.neighbours['scoring.exact']).toBeGreaterThan(json.baseline['scoring.exact']);
    expect(json.metrics['scoring.exact']).toBeGreaterThan(json.neighbours['scoring.exact']);
    const [lo, hi] = json.intervals['scoring.exact'];
    expect(lo).toBeLessThan(json.metrics['scoring.exact']);
    expect(hi).toBeGreaterThan(json.metrics['scoring.exact']);
    // The accepted version's lines are stored: the same scorer against them has no discordant line.
    expect(json.paired.scoring).toMatchObject({ worse: 0, better: 0, p: 1 });
    expect(json.paired.scoring.paired).toBeGreaterThan(1000);
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
  }, 60_000);
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
  it('fails when a data set shrank, naming it', () => {
    const sized = { ...baseline, sizes: { scoring: 100, 'scoring/blind': 50 } };
    const r = compare(sized, { 'scoring.exact': 0.7, 'scoring.mae': 0.5 }, ['scoring'], { scoring: 99, 'scoring/blind': 49 });
    expect(r.map((x) => x.metric)).toEqual(['size:scoring', 'size:scoring/blind']);
    expect(r[1]!.message).toBe('data set scoring/blind shrank: 49 lines < 50 accepted');
    expect(compare(sized, { 'scoring.exact': 0.7, 'scoring.mae': 0.5 }, ['scoring'], { scoring: 120, 'scoring/blind': 50 })).toEqual([]);
  });
});

describe('updating the baseline', () => {
  const old: Baseline = {
    about: '', updated: '', sizes: { scoring: 10 },
    metrics: { 'scoring.exact': { value: 0.7, tolerance: 0.02, better: 'higher' }, 'scoring.ece': { value: 0.05, tolerance: 0.02, better: 'lower' } },
  };
  it('lists every accepted figure a run would lower, drop or shrink', () => {
    expect(lowered(old, { 'scoring.exact': 0.71, 'scoring.ece': 0.04 }, { scoring: 10 }, ['scoring'])).toEqual([]);
    expect(lowered(old, { 'scoring.ece': 0.06 }, { scoring: 9 }, ['scoring'])).toEqual([
      { metric: 'scoring.exact', from: 0.7, to: null }, { metric: 'scoring.ece', from: 0.05, to: 0.06 }, { metric: 'size:scoring', from: 10, to: 9 },
    ]);
  });
  it('records the reason and date of an accepted drop, and gives a small breakdown one line of slack', () => {
    const drops = lowered(old, { 'scoring.exact': 0.6, 'scoring.ece': 0.05 }, { scoring: 10 }, ['scoring']);
    const next = updatedBaseline(old, { 'scoring.exact': 0.6, 'scoring.ece': 0.05, 'scoring.tag_x.exact': 0.5 }, { scoring: 10 }, ['scoring'],
      new Date('2026-12-01T00:00:00Z'), { 'scoring.tag_x.exact': 8 }, { reason: 'examples moved', drops });
    expect(next.drops).toEqual([{ date: '2026-12-01T00:00:00.000Z', reason: 'examples moved', drops: [{ metric: 'scoring.exact', from: 0.7, to: 0.6 }] }]);
    expect(next.metrics['scoring.tag_x.exact']).toEqual({ value: 0.5, tolerance: 0.125, better: 'higher' });
    expect(next.metrics['scoring.ece']!.better).toBe('lower');
  });
  it('refuses to lower a figure without --accept-drop, and writes it with one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-accept-'));
    try {
      const file = path.join(dir, 'baseline.json');
      fs.writeFileSync(file, JSON.stringify({ about: '', updated: '', sizes: { conversation: 999 }, metrics: { 'conversation.passed': { value: 1.5, tolerance: 0.02, better: 'higher' } } }));
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      let err = '';
      vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => { err += String(c); return true; });
      expect(await run(['--suite', 'conversation', '--update-baseline', '--baseline', file, '--report-dir', reports])).toBe(1);
      expect(err).toMatch(/refusing to lower 2 accepted figure\(s\):\n {2}conversation\.passed: 1\.5 → /);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).metrics['conversation.passed'].value).toBe(1.5);
      expect(await run(['--suite', 'conversation', '--update-baseline', '--accept-drop', 'a test', '--baseline', file, '--report-dir', reports])).toBe(0);
      const written = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(written.drops[0].reason).toBe('a test');
      expect(written.sizes.conversation).toBe(20);
      expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'baseline-lines.json'), 'utf8')).suites)).toEqual([]);
      expect(await run(['--ablate', 'nope'])).toBe(2);
      expect(await run(['--ablate', 'hints', '--update-baseline'])).toBe(2);
    } finally {
      vi.restoreAllMocks();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
