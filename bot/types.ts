import type { IndicatorId, Level, PillarId } from '../knowledge/types.js';
import type { Report } from './report.js';

/** Where a message came from. Adapters set it; the orchestrator only records it. */
export type Platform = 'terminal' | 'slack' | 'dingtalk' | 'test';
export type Locale = 'zh' | 'en';

/** One user message, platform-neutral. Adapters build it from platform events. */
export interface IncomingMessage {
  platform: Platform;
  /** A DM, a Slack thread or a DingTalk chat: one interview runs per conversation. */
  conversationId: string;
  userId: string;
  /** Platform message id; a repeated id is processed once. */
  messageId: string;
  text: string;
  locale?: Locale;
  /**
   * Where else this user's interview may be: a slash command in a Slack channel runs in its own
   * conversation, but `report` there means the caller's latest interview in that channel's threads,
   * whose conversation ids start with this prefix.
   */
  reportScope?: string;
}

/** A citation of a whitepaper (or user-ingested) passage. */
export interface Citation {
  id: string;
  /** Human-readable section, e.g. 基础设施云化 › 1.1 集成与存储 › 3级. */
  section: string;
  excerpt?: string;
}

/** Data an adapter may draw as a radar (Slack PNG) or render as text bars (DingTalk, terminal). */
export interface ChartData {
  type: 'radar';
  title: string;
  max: number;
  axes: Array<{ label: string; value: number | null; /** drawn instead when the host has no CJK font */ labelEn?: string }>;
}

/** The building blocks of a neutral rich reply. Text is markdown-ish: **bold**, `- ` lists, no links from user text. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  /** Numbered options; a button's `value` is what the user would have typed (e.g. "3"). */
  | {
    kind: 'options';
    /** `send`: what a tap sends as the user's message, when not `value` (e.g. "快速" for option 1). */
    options: Array<{ value: string; label: string; description?: string; send?: string }>;
    /** Short taps shown on one line (对 · 改 · 跳过), not a numbered list. */
    inline?: boolean;
    /** Several may be picked: each tap sends `+` and its `send`/value; `done` closes the choice. */
    multi?: { done: { label: string; send: string } };
  }
  | { kind: 'citations'; items: Citation[] }
  | { kind: 'chart'; chart: ChartData; /** unicode bars for text-only surfaces */ fallback: string }
  | { kind: 'divider' }
  /** The whole report as a file (Slack uploads PDF/HTML, DingTalk links to it); text surfaces skip it. */
  | { kind: 'document'; title: string; report: Report; locale: Locale };

export type ReplyKind = 'greeting' | 'setup' | 'question' | 'proposal' | 'followup' | 'answer' | 'report' | 'info' | 'error';

export interface Reply {
  kind: ReplyKind;
  blocks: Block[];
  /** Plain-text rendering of the blocks, for notifications and logs. */
  text: string;
}

export interface IndicatorAssessment {
  level: Level;
  confidence: number;
  evidence: { answer: string; descriptor: string };
}

/** The orchestrator's single entry point, as adapters see it. */
export type Handler = (msg: IncomingMessage) => Promise<Reply[]>;
export type { IndicatorId, Level, PillarId };
