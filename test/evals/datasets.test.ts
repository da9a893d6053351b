import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConversationCaseSchema, loadAnswerCases, loadConversationCases, loadJsonl, loadPersonaCases, loadScoringCases } from '../../evals/load.js';
import { agreement, quadraticKappa } from '../../evals/ordinal.js';

describe('eval data sets', () => {
  it('the conversation set covers modes, languages and the interview commands', () => {
    const cases = loadConversationCases();
    expect(cases.length).toBeGreaterThanOrEqual(14);
    const tags = new Set(cases.flatMap((c) => c.tags));
    for (const t of ['quick', 'standard', 'focus', 'question', 'back', 'skip', 'restart', 'freetext', 'confirm', 'correction', 'followup']) expect(tags).toContain(t);
    expect(new Set(cases.map((c) => c.lang))).toEqual(new Set(['zh', 'en']));
  });

  it('the answer-kind set covers every kind, each with a zh/en pair; personas cover all 25 indicators', () => {
    const answers = loadAnswerCases();
    expect(new Set(answers.map((a) => a.kind))).toEqual(new Set(['pillars', 'definition', 'case', 'solution', 'passages']));
    const pairs = new Map<string, string[]>();
    for (const a of answers) if (a.pair) pairs.set(a.pair, [...(pairs.get(a.pair) ?? []), a.lang]);
    for (const [pair, langs] of pairs) expect(langs.sort(), pair).toEqual(['en', 'zh']);
    for (const kind of ['pillars', 'definition', 'case', 'solution', 'passages']) expect(answers.some((a) => a.kind === kind && a.pair), kind).toBe(true);
    const personas = loadPersonaCases();
    expect(personas.length).toBeGreaterThanOrEqual(3);
    for (const p of personas) expect(Object.keys(p.answers)).toHaveLength(25);
  });

  it('the scoring set keeps its splits', () => {
    const cases = loadScoringCases();
    // phone, desk and p45 are product knowledge now (knowledge/data/examples); p45's off-topic lines stayed as offtopic.
    expect(new Set(cases.map((c) => c.split))).toEqual(new Set(['p123', 'offtopic', 'fresh', 'blind', 'chat', 'final', 'holdout', 'busy']));
    expect(cases.filter((c) => c.split === 'offtopic').every((c) => c.level === null)).toBe(true);
    // The blind sets cover every indicator × level and were re-rated by a second rater, line by line.
    for (const split of ['blind', 'chat', 'final', 'holdout', 'busy']) {
      const set = cases.filter((c) => c.split === split);
      expect(new Set(set.filter((c) => c.level !== null).map((c) => `${c.indicator}:${c.level}`)).size, split).toBe(125);
      expect(set.every((c) => c.second_rater !== undefined), split).toBe(true);
    }
  });

  it('a bad line fails with file:line and the field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-ds-'));
    const ok = { id: 'a', lang: 'zh', messages: ['1'], expect: { complete: false, indicators: {} }, tags: [] };
    fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify(ok)}\n\n${JSON.stringify({ ...ok, id: 'b', expect: { complete: true, indicators: { '6.1': 3 } } })}\n`);
    expect(() => loadJsonl(dir, ConversationCaseSchema)).toThrow(/x\.jsonl:3: expect\.indicators/);
    fs.writeFileSync(path.join(dir, 'x.jsonl'), `${JSON.stringify(ok)}\n{"id":\n`);
    expect(() => loadJsonl(dir, ConversationCaseSchema)).toThrow(/x\.jsonl:2: not valid JSON/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('ordinal agreement', () => {
  it('kappa is 1 for perfect agreement and 0 or below for a constant guess', () => {
    expect(quadraticKappa([[1, 1], [3, 3], [5, 5]])).toBe(1);
    expect(quadraticKappa([[1, 3], [3, 3], [5, 3]])).toBeCloseTo(0);
  });
  it('counts a missing level as wrong for exact and as the middle level for MAE', () => {
    const a = agreement([{ gold: 1, predicted: 1 }, { gold: 5, predicted: null }]);
    expect(a).toMatchObject({ exact: 0.5, coverage: 0.5, mae: 1 });
    expect(a.confusion[4]![5]).toBe(1);
  });
});
