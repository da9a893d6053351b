import { IncomingSchema, StoreDataError, TurnOutputSchema, parseJsonColumn, validate } from './rows.js';
import type { InboxRow, ReplyRow } from './sql.js';
import type { AnswerRow, DeliveryTarget, ForgetResult, InboxEntry, OutboxEntry, RunTurnOptions, TurnKey } from './types.js';
import type { Platform } from '../types.js';

/**
 * What every backend does the same way around a turn's commit: validating and serialising the turn
 * function's output before any transaction opens, checking keys, and mapping stored reply rows to outbox
 * entries. Only the SQL differs between backends.
 */
export interface CommitInput {
  key: TurnKey;
  /** null: the conversation had no row when the turn read it. */
  expectedVersion: number | null;
  stateJson?: string;
  archiveJson?: string;
  userText: string;
  replies: string[];
  target: string | null;
  answers?: AnswerRow[];
  forget?: { userId: string; replies: (r: ForgetResult) => unknown[] };
  at: string;
}

export type CommitResult =
  | { kind: 'committed'; version: number; replies?: unknown[] }
  | { kind: 'duplicate' }
  | { kind: 'conflict' };

/** Validates and serialises fn's output before the transaction opens, so a bad value writes nothing. */
export function prepareCommit<S, R>(key: TurnKey, out: unknown, opts: RunTurnOptions<S, R>, expectedVersion: number | null, at: string): CommitInput {
  const what = `the turn result for message ${JSON.stringify(key.messageId)} of conversation ${JSON.stringify(key.conversationId)}`;
  if (typeof out !== 'object' || out === null) throw new StoreDataError(`${what} is not an object`);
  const checked = validate(out, TurnOutputSchema, what);
  const o = out as { state?: unknown; archive?: unknown; forgetUser?: CommitInput['forget'] };
  let stateJson: string | undefined;
  if (!checked.keepState && !o.forgetUser) {
    if (opts.schema) validate(o.state, opts.schema, `the new state in ${what}`);
    stateJson = JSON.stringify(o.state) as string | undefined;
    if (stateJson === undefined) throw new StoreDataError(`the new state in ${what} is not JSON-serialisable`);
  }
  if (o.archive !== undefined && opts.schema) validate(o.archive, opts.schema, `the archived state in ${what}`);
  return {
    key,
    expectedVersion,
    stateJson,
    archiveJson: o.archive === undefined ? undefined : JSON.stringify(o.archive),
    userText: checked.userText,
    replies: checked.replies.map((r) => JSON.stringify(r)),
    target: opts.target === undefined ? null : JSON.stringify(opts.target),
    answers: checked.answers,
    forget: o.forgetUser,
    at,
  };
}

/** An inbox row as the store hands it out (both backends). */
export function inboxEntry(r: InboxRow): InboxEntry {
  const where = { table: 'inbox', column: 'message', conversationId: r.conversation_id };
  return {
    id: Number(r.id), // PostgreSQL hands BIGSERIAL ids back as strings
    message: parseJsonColumn(r.message, IncomingSchema, where),
    ...(r.target === null ? {} : { target: parseJsonColumn(r.target, undefined, { ...where, column: 'target' }) as DeliveryTarget }),
    attempts: r.attempts,
    ...(r.error === null ? {} : { error: r.error }),
    receivedAt: r.received_at,
  };
}

export function outboxEntry<R>(r: ReplyRow): OutboxEntry<R> {
  const where = { table: 'replies', column: 'body', conversationId: r.conversation_id };
  return {
    id: Number(r.id), // PostgreSQL hands BIGSERIAL ids back as strings
    platform: r.platform as Platform,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    userId: r.user_id,
    position: r.position,
    reply: parseJsonColumn(r.body, undefined, where) as R,
    ...(r.target === null ? {} : { target: parseJsonColumn(r.target, undefined, { ...where, column: 'target' }) as DeliveryTarget }),
    status: r.status,
    attempts: r.attempts,
    ...(r.error === null ? {} : { error: r.error }),
    ...(r.attempt_id == null ? {} : { attemptId: r.attempt_id }),
    partsSent: Number(r.parts_sent ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function checkKey(key: TurnKey): void {
  for (const field of ['platform', 'conversationId', 'userId', 'messageId'] as const) {
    if (typeof key[field] !== 'string' || key[field].length === 0) {
      throw new TypeError(`runTurn: key.${field} must be a non-empty string (got ${JSON.stringify(key[field])})`);
    }
  }
}

/** The transcript text of a reply: its plain-text rendering when it has one. */
export function replyText(reply: unknown): string {
  if (typeof reply === 'string') return reply;
  if (typeof reply === 'object' && reply !== null && typeof (reply as { text?: unknown }).text === 'string') {
    return (reply as { text: string }).text;
  }
  return JSON.stringify(reply) ?? '';
}
