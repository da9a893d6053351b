import type { z } from 'zod';
import type { IndicatorAssessment, IndicatorId, Platform } from '../types.js';

/**
 * The public shapes of the conversation store. The store is generic over the session
 * state: the orchestrator owns its type and (optionally) a zod schema for it; the store
 * only keeps it as JSON and guarantees one committed write per turn.
 */

/** Identifies one incoming message and the conversation it belongs to. */
export interface TurnKey {
  platform: Platform;
  conversationId: string;
  userId: string;
  messageId: string;
}

/** The latest assessment of one indicator, kept for reporting. */
export type AnswerRow = { indicator: IndicatorId } & IndicatorAssessment;

/** What a turn function hands back for the store to commit. */
export interface TurnOutput<S, R = unknown> {
  state: S;
  replies: R[];
  /** Upserted by (conversation, indicator): the newest assessment of an indicator wins. */
  answers?: AnswerRow[];
  /** The user's message as it should appear in the transcript. */
  userText: string;
}

export type TurnFn<S, R = unknown> = (state: S | undefined) => Promise<TurnOutput<S, R>>;

export interface RunTurnOptions<S, R = unknown> {
  /** Validates the stored state before fn sees it and fn's new state before it is written. */
  schema?: z.ZodType<S>;
  /** Validates replies read back for a duplicate message. */
  replySchema?: z.ZodType<R>;
  /**
   * How often a turn is recomputed when another process committed to the same
   * conversation between our read and our write. Default 3.
   */
  maxAttempts?: number;
}

export interface TurnOutcome<R = unknown> {
  replies: R[];
  /** True when the message had been processed before: fn was not called, replies are the stored ones. */
  duplicate: boolean;
  /** Conversation version after the turn (unchanged for a duplicate). */
  version: number;
  /** How many times fn ran; more than 1 only after a cross-process write conflict. */
  attempts: number;
}

export interface ConversationSummary {
  conversationId: string;
  platform: Platform;
  userId: string;
  /** Incremented by every committed turn and every reset. */
  version: number;
  /** False after a reset until the next turn writes a state. */
  hasState: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TranscriptEntry {
  seq: number;
  messageId: string;
  role: 'user' | 'bot';
  userId: string;
  text: string;
  /** The replies as sent, on bot entries; null on user entries. */
  replies: unknown[] | null;
  createdAt: string;
}

export type AnswerRecord = AnswerRow & { conversationId: string; userId: string; updatedAt: string };

export interface ForgetResult {
  conversations: number;
  turns: number;
  answers: number;
  processedMessages: number;
}

export interface ResetResult {
  turns: number;
  answers: number;
}

export interface SessionStore {
  /** Absolute path of the SQLite file. */
  readonly file: string;
  /** Set when a corrupt file was found on open: where it was moved to. */
  readonly recoveredFrom?: string;
  runTurn<S, R = unknown>(key: TurnKey, fn: TurnFn<S, R>, opts?: RunTurnOptions<S, R>): Promise<TurnOutcome<R>>;
  getState<S>(conversationId: string, opts?: { schema?: z.ZodType<S> }): S | undefined;
  listConversations(userId?: string): ConversationSummary[];
  transcript(conversationId: string): TranscriptEntry[];
  answers(conversationId: string): AnswerRecord[];
  /** Deletes every row that belongs to the user, in every table. */
  forgetUser(userId: string): ForgetResult;
  /**
   * Deletes processed-message ids recorded before `before`; returns how many. Platforms redeliver
   * within minutes, so ids older than days only grow the file. The transcript keeps every message.
   */
  pruneProcessed(before: Date): number;
  /** Clears state, transcript and answers; keeps processed-message ids so redeliveries stay deduplicated. */
  resetConversation(conversationId: string): ResetResult;
  close(): void;
}

export interface StoreOptions {
  /** Clock for timestamps and corrupt-file names; tests pin it. */
  now?: () => Date;
}
