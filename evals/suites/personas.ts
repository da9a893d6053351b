import { createOrchestrator } from '../../bot/orchestrator.js';
import { SessionStateSchema, type SessionState } from '../../bot/session.js';
import type { Scorer } from '../../bot/interview/scorer.js';
import type { SessionStore } from '../../bot/store/index.js';
import type { IndicatorId } from '../../knowledge/types.js';
import type { PersonaCase } from '../load.js';
import type { System } from '../types.js';

/**
 * Scripted personas through a whole standard interview. Unlike a transcript, a persona reacts to
 * what the bot says: it answers each question with its own words for that indicator, confirms a
 * proposal only when every level proposed (the question's and any other indicator's) is the one it
 * holds, otherwise taps its level; after a follow-up or an answer that got no level it taps its level.
 * When a pillar's held levels come back as one list (bot/review.ts) it confirms them with one 对 if all
 * are its own, else sends its corrections in one message ("1.3 3 1.5 2"), as the list invites.
 * Counted: the person's messages, set-up included (a greeting, then elements and mode in one message),
 * and how many indicators end at the persona's level.
 */
export interface PersonaOutcome {
  id: string; messages: number; exact: number; answered: number;
  /** Levels for other indicators proposed with an answer, and how many of them were the persona's own. */
  alsoProposed: number; prefilled: number;
}

/** Reads nothing: used to measure the interview without cross-indicator answers. */
const NOTHING: Scorer = { score: async (indicator) => ({ indicator, confidence: 0, candidates: [], reason: 'no-content' }) };
const CAP = 150;

export async function runPersona(system: System, store: SessionStore, p: PersonaCase, cross: boolean): Promise<PersonaOutcome> {
  const deps = { rubric: system.rubric, scorer: system.scorer, retrieval: system.retriever, llm: system.llm, ...(cross ? {} : { alsoScorer: NOTHING }) };
  const orchestrator = createOrchestrator(deps, { store, maxChars: 8000 });
  const conv = `${p.id}-${cross ? 'cross' : 'single'}`;
  let n = 0;
  const say = (text: string) => orchestrator.handle({ platform: 'test', conversationId: conv, userId: `u-${conv}`, messageId: `${conv}-${++n}`, text });
  // The set-up in one message, as the greeting invites ("或直接回复，如「零售 物流 标准」").
  for (const t of [p.lang === 'zh' ? '你好' : 'hello', `${p.elements} ${p.lang === 'zh' ? '标准' : 'standard'}`]) await say(t);
  let toldFor: IndicatorId | undefined;
  let prefilled = 0;
  let alsoProposed = 0;
  while (n < CAP) {
    const s = await store.getState<SessionState>(conv, { schema: SessionStateSchema });
    if (!s || s.phase !== 'interview') break;
    if (s.reviewing && s.held?.length) {
      const wrong = s.held.filter((h) => p.answers[h.indicator]?.level !== h.level);
      const also = s.held.filter((h) => h.from);
      alsoProposed += also.length;
      prefilled += also.filter((h) => !wrong.includes(h)).length;
      await say(wrong.length ? wrong.map((h) => `${h.indicator} ${p.answers[h.indicator]!.level}`).join(' ') : p.lang === 'zh' ? '对' : 'yes');
      continue;
    }
    const id = s.queue[s.index]!;
    const mine = p.answers[id]!;
    let text: string;
    if (s.pending?.kind === 'confirm') {
      const right = s.pending.level === mine.level && (s.pending.also ?? []).every((x) => p.answers[x.indicator]?.level === x.level);
      alsoProposed += s.pending.also?.length ?? 0;
      if (right) prefilled += s.pending.also?.length ?? 0;
      text = right ? (p.lang === 'zh' ? '对' : 'yes') : String(mine.level);
    } else if (s.pending?.kind === 'followup' || toldFor === id) {
      text = String(mine.level);
    } else {
      text = mine.text;
      toldFor = id;
    }
    await say(text);
  }
  const s = (await store.getState<SessionState>(conv, { schema: SessionStateSchema }))!;
  const ids = Object.keys(p.answers) as IndicatorId[];
  return { id: p.id, messages: n, exact: ids.filter((id) => s.answers[id]?.level === p.answers[id]!.level).length / ids.length, answered: Object.keys(s.answers).length, alsoProposed, prefilled };
}

export function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}
