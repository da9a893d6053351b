import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOrchestrator } from '../../bot/orchestrator.js';
import { buildReport, type Report } from '../../bot/report.js';
import { SessionStateSchema, type SessionState } from '../../bot/session.js';
import { openStore, type SessionStore } from '../../bot/store/index.js';
import type { ElementId, PillarId } from '../../knowledge/types.js';
import type { ConversationCase, PersonaCase } from '../load.js';
import { median, runPersona, type PersonaOutcome } from './personas.js';
import { latencyFigures, timed } from '../latency.js';
import type { Figures, SuiteResult, System } from '../types.js';

/**
 * Conversation: scripted transcripts replayed through the orchestrator (store, restart and all),
 * then the session's report is checked against the transcript's expectations.
 */
export interface TranscriptOutcome {
  id: string;
  passed: boolean;
  complete: boolean;
  levels: Record<string, number>;
  matched: number;
  expected: number;
  recsFound: number;
  recsExpected: number;
  problems: string[];
  /** Each message with the kinds of the replies it got, for reading a failure. */
  trace: string[];
}

async function replay(system: System, store: SessionStore, c: ConversationCase, times: number[]): Promise<{ report: Report; state: SessionState; trace: string[] }> {
  const orchestrator = createOrchestrator({ rubric: system.rubric, scorer: system.scorer, retrieval: system.retriever, llm: system.llm }, { store, maxChars: 8000 });
  const key = (n: number) => ({ platform: 'test' as const, conversationId: c.id, userId: `u-${c.id}`, messageId: `${c.id}-${n}` });
  const trace: string[] = [];
  if (c.preset) {
    const preset = { mode: c.preset.mode, pillar: c.preset.pillar as PillarId | undefined, elements: c.preset.elements as ElementId[] | undefined, locale: c.lang };
    await orchestrator.begin(key(0), preset);
  }
  for (const [i, text] of c.messages.entries()) {
    const replies = await timed(times, () => orchestrator.handle({ ...key(i + 1), text }));
    trace.push(`${text} → ${replies.map((r) => r.kind === 'proposal' ? `proposal(${/([1-5])/.exec(r.text)?.[1]})` : r.kind).join(', ')}`);
  }
  const state = await store.getState<SessionState>(c.id, { schema: SessionStateSchema });
  if (!state) throw new Error(`transcript ${c.id}: no session state after replay`);
  return { report: buildReport(system.rubric, state), state, trace };
}

function check(c: ConversationCase, report: Report, state: SessionState, trace: string[]): TranscriptOutcome {
  const e = c.expect;
  const problems: string[] = [];
  const levels = Object.fromEntries(Object.entries(state.answers).map(([id, a]) => [id, a!.level]));
  if (report.complete !== e.complete) problems.push(`complete: expected ${e.complete}, got ${report.complete}`);
  let matched = 0;
  for (const [id, level] of Object.entries(e.indicators)) {
    if (levels[id] === level) matched++;
    else problems.push(`${id}: expected ${level}, got ${levels[id] ?? 'none'}`);
  }
  if (e.overall !== undefined && (report.overall === null || Math.abs(report.overall - e.overall) > 0.05)) problems.push(`overall: expected ${e.overall}, got ${report.overall}`);
  const names = new Set(report.recommendations.map((r) => r.name));
  const recs = e.recommendations ?? [];
  const missing = recs.filter((n) => !names.has(n));
  if (missing.length) problems.push(`recommendations missing: ${missing.join(', ')}`);
  if (e.skipped) {
    const got = report.skipped.map((s) => s.id).sort().join(',');
    if (got !== [...e.skipped].sort().join(',')) problems.push(`skipped: expected [${e.skipped.join(',')}], got [${got}]`);
  }
  const expected = Object.keys(e.indicators).length;
  return { id: c.id, passed: !problems.length, complete: report.complete, levels, matched, expected, recsFound: recs.length - missing.length, recsExpected: recs.length, problems, trace };
}

function figuresOf(cases: ConversationCase[], outcomes: TranscriptOutcome[], times: number[]): Figures {
  const sum = (f: (o: TranscriptOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
  const shouldComplete = outcomes.filter((_, i) => cases[i]!.expect.complete);
  const ratio = (a: number, b: number) => (b ? a / b : 1);
  return {
    completed: ratio(shouldComplete.filter((o) => o.complete).length, shouldComplete.length),
    assessment_exact: ratio(sum((o) => o.matched), sum((o) => o.expected)),
    recommendation_recall: ratio(sum((o) => o.recsFound), sum((o) => o.recsExpected)),
    passed: ratio(outcomes.filter((o) => o.passed).length, outcomes.length),
    ...latencyFigures(times),
  };
}

export async function conversationSuite(systems: Record<string, System>, cases: ConversationCase[], personas: PersonaCase[] = []): Promise<SuiteResult> {
  const columns: SuiteResult['columns'] = {};
  const details: Record<string, unknown> = {};
  const personaNotes: string[] = [];
  for (const [name, system] of Object.entries(systems)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-eval-conv-'));
    const store = openStore(dir);
    try {
      const times: number[] = [];
      const outcomes: TranscriptOutcome[] = [];
      for (const c of cases) {
        const { report, state, trace } = await replay(system, store, c, times);
        outcomes.push(check(c, report, state, trace));
      }
      columns[name] = figuresOf(cases, outcomes, times);
      details[name] = { failures: outcomes.filter((o) => !o.passed) };
      if (personas.length && name !== 'naive') {
        // The same personas with and without answers carried over to other indicators (bot/also.ts).
        const cross: PersonaOutcome[] = [];
        const single: PersonaOutcome[] = [];
        for (const p of personas) {
          cross.push(await runPersona(system, store, p, true));
          single.push(await runPersona(system, store, p, false));
        }
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
        Object.assign(columns[name]!, {
          persona_messages_median: median(cross.map((o) => o.messages)),
          persona_messages_median_single: median(single.map((o) => o.messages)),
          persona_exact: mean(cross.map((o) => o.exact)),
          persona_exact_single: mean(single.map((o) => o.exact)),
        });
        (details[name] as Record<string, unknown>).personas = cross.map((o, i) => ({ ...o, messagesSingle: single[i]!.messages, exactSingle: single[i]!.exact }));
        personaNotes.push(...cross.map((o, i) => `${name} persona ${o.id}: ${o.messages} person messages (${single[i]!.messages} without cross-indicator answers), exact ${o.exact.toFixed(2)} (${single[i]!.exact.toFixed(2)}), ${o.alsoProposed} levels proposed from other answers, ${o.prefilled} right`));
      }
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const turns = cases.reduce((s, c) => s + c.messages.length, 0);
  return { suite: 'conversation', size: cases.length, columns, details, notes: [`${cases.length} transcripts, ${turns} messages`, ...personaNotes] };
}
