import { z } from 'zod';
import type { ElementId, IndicatorId, Level, PillarId } from '../knowledge/types.js';
import type { Locale } from './types.js';

/** One conversation's interview state, stored as JSON by the session store and validated on read. */
export type Mode = 'quick' | 'standard' | 'focus';
export type Phase = 'elements' | 'mode' | 'pillar' | 'interview' | 'done';

export interface Answer {
  level: Level;
  confidence: number;
  /** How the level was reached: a bare digit, a confirmed proposal, a follow-up choice. */
  via: 'digit' | 'confirmed' | 'corrected' | 'followup' | 'explicit';
  /** The level Wuyin had proposed, when the person confirmed or corrected a proposal. */
  proposed?: Level;
  evidence: { answer: string; descriptor: string };
}

/** A respondent's link to a team campaign (bot/team/): set by 加入 CODE, role chosen next. */
export interface TeamLink {
  campaignId: string;
  org: string;
  wave: number;
  roles: string[];
  role?: string;
  joinedAt: string;
}

export type Pending =
  | {
    kind: 'confirm'; indicator: IndicatorId; level: Level; confidence: number; answer: string; descriptor: string;
    /** Other planned indicators the same answer speaks to (bot/also.ts), recorded too when confirmed. */
    also?: Array<{ indicator: IndicatorId; level: Level; confidence: number; descriptor: string }>;
  }
  | { kind: 'followup'; indicator: IndicatorId; candidates: [Level, Level]; answer: string };

/** A confident level held until its pillar's end, then confirmed with the others (bot/review.ts). */
export interface Held {
  indicator: IndicatorId; level: Level; confidence: number; answer: string; descriptor: string;
  /** Set for a level read from another question's answer (bot/also.ts): that question. */
  from?: IndicatorId;
}

export interface SessionState {
  v: 1;
  phase: Phase;
  locale: Locale;
  elements: ElementId[];
  mode?: Mode;
  focusPillar?: PillarId;
  queue: IndicatorId[];
  /** Position in queue of the current question. */
  index: number;
  answers: Partial<Record<IndicatorId, Answer>>;
  skipped: IndicatorId[];
  pending?: Pending;
  team?: TeamLink;
  /** Set when 重新开始 arrived after a finished assessment: the next message confirms or cancels it. */
  restartAsked?: boolean;
  /** Standard interview: proposals waiting for the one confirmation at their pillar's end. */
  held?: Held[];
  /** Set while the held levels are shown for that confirmation. */
  reviewing?: boolean;
}

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const indicator = z.string().regex(/^[1-5]\.[1-5]$/) as unknown as z.ZodType<IndicatorId>;
const element = z.enum(['brand', 'product', 'manufacturing', 'channel', 'marketing', 'retail', 'service', 'logistics', 'finance', 'organization', 'technology']);

export const SessionStateSchema: z.ZodType<SessionState> = z.object({
  v: z.literal(1),
  phase: z.enum(['elements', 'mode', 'pillar', 'interview', 'done']),
  locale: z.enum(['zh', 'en']),
  elements: z.array(element),
  mode: z.enum(['quick', 'standard', 'focus']).optional(),
  focusPillar: level.optional(),
  queue: z.array(indicator),
  index: z.number().int().min(0),
  answers: z.record(z.string(), z.object({
    level,
    confidence: z.number().min(0).max(1),
    via: z.enum(['digit', 'confirmed', 'corrected', 'followup', 'explicit']),
    proposed: level.optional(),
    evidence: z.object({ answer: z.string(), descriptor: z.string() }),
  })),
  skipped: z.array(indicator),
  pending: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('confirm'), indicator, level, confidence: z.number(), answer: z.string(), descriptor: z.string(),
      also: z.array(z.object({ indicator, level, confidence: z.number(), descriptor: z.string() })).optional(),
    }),
    z.object({ kind: z.literal('followup'), indicator, candidates: z.tuple([level, level]), answer: z.string() }),
  ]).optional(),
  team: z.object({
    campaignId: z.string().min(1), org: z.string(), wave: z.number().int().min(1), roles: z.array(z.string()).min(1),
    role: z.string().optional(), joinedAt: z.string(),
  }).optional(),
  restartAsked: z.boolean().optional(),
  held: z.array(z.object({ indicator, level, confidence: z.number(), answer: z.string(), descriptor: z.string(), from: indicator.optional() })).optional(),
  reviewing: z.boolean().optional(),
}) as unknown as z.ZodType<SessionState>;

export function newSession(locale: Locale): SessionState {
  return { v: 1, phase: 'elements', locale, elements: [], queue: [], index: 0, answers: {}, skipped: [] };
}

/** Indicators of the interview, by mode: quick asks one per pillar, focus one pillar's five. */
export const QUICK_INDICATORS: IndicatorId[] = ['1.1', '2.1', '3.1', '4.1', '5.2'];

export function planQueue(mode: Mode, focusPillar?: PillarId): IndicatorId[] {
  const all = ([1, 2, 3, 4, 5] as const).flatMap((p) => ([1, 2, 3, 4, 5] as const).map((i) => `${p}.${i}` as IndicatorId));
  if (mode === 'quick') return [...QUICK_INDICATORS];
  if (mode === 'focus') return all.filter((id) => id.startsWith(`${focusPillar ?? 1}.`));
  return all;
}

export function currentIndicator(s: SessionState): IndicatorId | undefined {
  return s.phase === 'interview' ? s.queue[s.index] : undefined;
}
