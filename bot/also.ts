import fs from 'node:fs';
import { z } from 'zod';
import { indicatorOf } from '../knowledge/load.js';
import type { IndicatorId, Level } from '../knowledge/types.js';
import type { ConversationDeps } from './deps.js';
import type { SessionState } from './session.js';

/**
 * One answer often speaks to more than the question asked ("数据都在各个系统里，没有统一存储，经常丢"
 * is about 1.1 storage and 4.1 integration). This finds the other planned, still open indicators
 * the answer names a topic of (knowledge/indicator-topics.json) and that the scorer, used read-only,
 * places confidently. Nothing is recorded here: the person confirms them with the proposal.
 */
export interface AlsoAnswer { indicator: IndicatorId; level: Level; confidence: number; descriptor: string }

/** A level on another indicator is proposed only when the scorer is this sure and its best score this strong. */
export const ALSO_CONFIDENCE = 0.8;
export const ALSO_MIN_SCORE = 4;
const MAX_ALSO = 2;

const TopicsSchema = z.object({ topics: z.record(z.string(), z.array(z.string().min(1))) });
let topics: Record<string, string[]> | undefined;
function topicsOf(id: IndicatorId): string[] {
  topics ??= TopicsSchema.parse(JSON.parse(fs.readFileSync(new URL('../knowledge/indicator-topics.json', import.meta.url), 'utf8'))).topics;
  return topics[id] ?? [];
}

export async function alsoAnswers(deps: ConversationDeps, s: SessionState, current: IndicatorId, text: string): Promise<AlsoAnswer[]> {
  const lower = text.toLowerCase();
  const open = s.queue.slice(s.index + 1).filter((id) => id !== current && !s.answers[id] && !s.skipped.includes(id));
  const named = open.filter((id) => topicsOf(id).some((w) => lower.includes(w.toLowerCase())));
  const out: AlsoAnswer[] = [];
  for (const id of named) {
    const r = await (deps.alsoScorer ?? deps.scorer).score(id, text);
    if (!r.level || r.reason !== 'content' || r.confidence < ALSO_CONFIDENCE || (r.candidates[0]?.score ?? 0) < ALSO_MIN_SCORE) continue;
    out.push({ indicator: id, level: r.level, confidence: r.confidence, descriptor: indicatorOf(deps.rubric, id).levels[r.level - 1]!.text });
  }
  return out.sort((a, b) => b.confidence - a.confidence).slice(0, MAX_ALSO);
}
