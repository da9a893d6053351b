import type { z } from 'zod';
import type { IncomingMessage, IndicatorAssessment, IndicatorId, Platform } from '../types.js';

/**
 * The public shapes of the conversation store: a contract every backend (SQLite today, a
 * networked one tomorrow) implements and `test/bot/store/contract.ts` describes. Every
 * method is asynchronous and nothing here names a file or a connection.
 *
 * The store is generic over the session state: the orchestrator owns its type and
 * (optionally) a zod schema; the store keeps it as JSON and guarantees one committed write
 * per turn. Around the turn sit an inbox (events written before they are acknowledged)
 * and an outbox (a turn's replies, committed with its state, delivered in order).
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
  /** The new state. Ignored when `keepState` or `forgetUser` is set. */
  state?: S;
  replies: R[];
  /**
   * Every answer the new state holds: the stored answers of the conversation become exactly
   * these (an indicator left out is deleted). Omitted: the stored answers stay as they are.
   */
  answers?: AnswerRow[];
  /** The user's message as it should appear in the transcript. */
  userText: string;
  /** Commit the replies and mark the message processed, but leave state, version and answers alone. */
  keepState?: boolean;
  /** A finished state to keep as a past assessment before the new state replaces it. */
  archive?: S;
  /**
   * Deletes every row of `userId` (as `SessionStore.forgetUser`) in the turn's transaction;
   * the replies are built from what was deleted and are the only rows kept, with the message id,
   * so a redelivered request is answered again instead of run again.
   */
  forgetUser?: { userId: string; replies: (result: ForgetResult) => R[] };
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
  /**
   * Where the replies go (platform-specific JSON, e.g. a Slack channel and thread). Given: the
   * replies are committed to the outbox as pending, for the delivery loop. Omitted: the caller
   * delivers them itself (the terminal) and they are stored as delivered.
   */
  target?: DeliveryTarget;
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
  /** Incremented by every committed turn that changes the state. */
  version: number;
  /** False until a turn writes a state (or after the state was quarantined). */
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
  /** The replies as committed, on bot entries; null on user entries. */
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

/** A finished assessment kept when the conversation started over. */
export interface PastAssessment<S = unknown> {
  id: number;
  conversationId: string;
  userId: string;
  state: S;
  archivedAt: string;
}

// ── inbox ─────────────────────────────────────────────────────────────────────

/** Platform-specific JSON saying where replies go; the store keeps it opaque. */
export type DeliveryTarget = Record<string, unknown>;

export interface InboxEvent {
  message: IncomingMessage;
  target?: DeliveryTarget;
}

export interface InboxEntry extends InboxEvent {
  id: number;
  /** Failed processing attempts (see `failInbox`). */
  attempts: number;
  error?: string;
  receivedAt: string;
}

export interface EnqueueResult {
  /** True when the message id is already in the inbox or was processed: nothing was written. */
  duplicate: boolean;
  /** The inbox row, when one was written. */
  id?: number;
}

// ── outbox ────────────────────────────────────────────────────────────────────

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxEntry<R = unknown> {
  id: number;
  platform: Platform;
  conversationId: string;
  messageId: string;
  userId: string;
  /** Position among the replies of its message (0-based). */
  position: number;
  reply: R;
  target?: DeliveryTarget;
  status: OutboxStatus;
  attempts: number;
  error?: string;
  /** Set once the reply was first attempted (`markAttempted`): it may have reached the platform. */
  attemptId?: string;
  /** Of the platform messages this reply is sent as, how many went (`markPartsSent`). */
  partsSent: number;
  createdAt: string;
  updatedAt: string;
}

export interface IntegrityReport {
  ok: boolean;
  /** What was checked: `quick` (page level, at open) or `full`. */
  level: 'quick' | 'full';
  problems: string[];
  /** Conversations whose state could not be read and was kept aside. */
  quarantined: Array<{ conversationId: string; reason: string; at: string }>;
}

// ── coordination between processes ───────────────────────────────────────────

/** What a rate limit says about one message: run it, or drop it with one notice per window, or silently. */
export type RateDecision = 'allow' | 'limit-notify' | 'limit-silent';

export interface RateRule {
  /** Messages allowed per bucket per window. */
  perWindow: number;
  /** Window length in ms. */
  windowMs: number;
}

/** Which of a conversation's queues a drain works: one lease each (see `claimInbox`). */
export type ClaimKind = 'inbox' | 'outbox';

export interface LeaseClaim {
  holder: string;
  ttlMs: number;
}

export interface SessionStore {
  runTurn<S, R = unknown>(key: TurnKey, fn: TurnFn<S, R>, opts?: RunTurnOptions<S, R>): Promise<TurnOutcome<R>>;
  getState<S>(conversationId: string, opts?: { schema?: z.ZodType<S> }): Promise<S | undefined>;
  listConversations(userId?: string): Promise<ConversationSummary[]>;
  transcript(conversationId: string): Promise<TranscriptEntry[]>;
  answers(conversationId: string): Promise<AnswerRecord[]>;
  /** Finished assessments kept aside by restarts, newest first; of one conversation or of all. */
  pastAssessments<S = unknown>(conversationId?: string, opts?: { schema?: z.ZodType<S> }): Promise<PastAssessment<S>[]>;
  /** Deletes every row that belongs to the user, in every table, including anything kept aside. */
  forgetUser(userId: string): Promise<ForgetResult>;
  /**
   * Deletes processed-message ids recorded before `before`; returns how many. Platforms redeliver
   * within minutes, so ids older than days only grow the file. The transcript keeps every message.
   */
  pruneProcessed(before: Date): Promise<number>;

  /** Records an event before it is acknowledged (its own short transaction); a known message id is a duplicate. */
  enqueueInbox(event: InboxEvent): Promise<EnqueueResult>;
  /** Events not yet processed, in arrival order (of one conversation, or all). A committed turn removes its row. */
  pendingInbox(conversationId?: string): Promise<InboxEntry[]>;
  /** Records a failed attempt to process an inbox row; the row stays for a later attempt. */
  failInbox(id: number, error: string): Promise<void>;

  /**
   * Where a platform has pending work, without reading the rows: inbox row ids with their
   * conversation, in arrival order, and the conversations with replies pending. The delivery sweep
   * runs every few seconds; reading and parsing every pending row there cost more than the sends.
   */
  pendingWork(platform: Platform): Promise<{ inbox: Array<{ id: number; conversationId: string }>; outbox: string[] }>;
  /** Replies committed but not yet delivered, in order (of one conversation, or all). */
  pendingOutbox<R = unknown>(conversationId?: string): Promise<OutboxEntry<R>[]>;
  /**
   * Marks a reply delivered. With `next` (the conversation's next reply, about to be sent), marks that one
   * attempted in the same step, as `markAttempted` would, and returns its kept attempt id.
   */
  markDelivered(id: number, next?: { id: number; attemptId: string }): Promise<string | undefined>;
  /** Records a failed delivery attempt; `final` gives up on it (kept as undeliverable with its error). */
  markFailed(id: number, error: string, opts?: { final?: boolean }): Promise<void>;
  /**
   * Records, before a send, that the reply is being attempted; the first attempt's id is kept and
   * returned (later attempts reuse it, so a platform that echoes it back names the reply, not the try).
   */
  markAttempted(id: number, attemptId: string): Promise<string>;
  /** Records that the first `parts` platform messages of a reply were sent (never lowers it). */
  markPartsSent(id: number, parts: number): Promise<void>;
  /** Replies given up on, with their errors, oldest first. */
  undeliverable<R = unknown>(): Promise<OutboxEntry<R>[]>;

  /**
   * Counts one message of `bucket` (a user) against `rule`, shared by every process on this store: a
   * sliding window estimated from two fixed windows (the previous one weighted by how much of it is
   * still inside the window). A refused message is not counted; the first refusal of a window notifies.
   * With `inboxId`, the decision is kept on that inbox row in the same step and a later call for it returns
   * the kept decision without counting again (a turn retried after a fail-over or a restart); a row that
   * is gone (processed meanwhile) is allowed uncounted: its turn finds the message processed.
   */
  consumeRate(bucket: string, rule: RateRule, opts?: { inboxId?: number }): Promise<RateDecision>;
  /**
   * Takes or renews the lease `name` for `holder` until `ttlMs` from now; false while another
   * holder's lease is live. A holder that dies stops renewing and the lease expires.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` has it. */
  releaseLease(name: string, holder: string): Promise<void>;
  /**
   * A conversation's drain in two steps instead of four: takes or renews the lease `inbox:<conversation>`
   * (`claimLeaseName`) for `holder` and, when it is ours, reads the conversation's pending inbox rows in
   * the same step (one statement on PostgreSQL). null while another holder's lease is live.
   */
  claimInbox(conversationId: string, lease: LeaseClaim): Promise<InboxEntry[] | null>;
  /**
   * As `claimInbox`, for the lease `outbox:<conversation>` and the conversation's pending replies. With
   * `attemptId`, the first of them is marked attempted in the same step, as `markAttempted` would before
   * its send (a reply attempted before keeps its first id).
   */
  claimOutbox<R = unknown>(conversationId: string, lease: LeaseClaim, opts?: { attemptId?: string }): Promise<OutboxEntry<R>[] | null>;
  /**
   * Gives up a lease taken by `claimInbox`/`claimOutbox` and says, in the same step, whether the
   * conversation has pending rows of that kind (inbox ids in `skip` aside): rows another process wrote
   * while we held the lease found it taken and left them to us.
   */
  releaseClaim(kind: ClaimKind, conversationId: string, holder: string, skip?: number[]): Promise<boolean>;

  /** The page-level check done at open, or (`full`) a full integrity check. */
  checkIntegrity(opts?: { full?: boolean }): Promise<IntegrityReport>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Clock for timestamps and corrupt-file names; tests pin it. */
  now?: () => Date;
}
