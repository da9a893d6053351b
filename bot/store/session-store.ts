import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { logger } from '../../log.js';
import type { Platform } from '../types.js';
import { openDatabase } from './db.js';
import { KeyedMutex } from './mutex.js';
import { AnswerRowSchema, parseJsonColumn, RepliesSchema, StoreDataError, TurnOutputSchema, validate } from './rows.js';
import type {
  AnswerRecord,
  AnswerRow,
  ConversationSummary,
  ForgetResult,
  ResetResult,
  RunTurnOptions,
  SessionStore,
  StoreOptions,
  TranscriptEntry,
  TurnFn,
  TurnKey,
  TurnOutcome,
} from './types.js';

/**
 * The conversation store: one committed SQLite transaction per turn, turns of one
 * conversation serialised in-process, an optimistic version check across processes,
 * and exactly-once processing per (platform, message id).
 */

/** Another process kept committing to the conversation while this turn was computed. */
export class TurnConflictError extends Error {
  override readonly name = 'TurnConflictError';
}

const DEFAULT_MAX_ATTEMPTS = 3;
const log = logger('store');

export function openStore(dataDir: string, opts: StoreOptions = {}): SessionStore {
  const now = opts.now ?? (() => new Date());
  const { db, file, recoveredFrom } = openDatabase(dataDir, now);
  return new SqliteSessionStore(db, file, recoveredFrom, now);
}

interface ConversationRow {
  conversation_id: string;
  platform: string;
  user_id: string;
  state: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

interface CommitInput {
  key: TurnKey;
  /** null: the conversation had no row when the turn read it. */
  expectedVersion: number | null;
  stateJson: string;
  userText: string;
  botText: string;
  repliesJson: string;
  hasReplies: boolean;
  answers: AnswerRow[];
  at: string;
}

type CommitResult = { kind: 'committed'; version: number } | { kind: 'duplicate'; repliesJson: string } | { kind: 'conflict' };

class SqliteSessionStore implements SessionStore {
  private readonly mutex = new KeyedMutex();
  private closed = false;
  // Prepared once: preparing is most of the cost of a statement this small.
  private readonly q;
  private readonly commitTx: Database.Transaction<(input: CommitInput) => CommitResult>;
  private readonly forgetTx: Database.Transaction<(userId: string) => ForgetResult>;
  private readonly resetTx: Database.Transaction<(conversationId: string, at: string) => ResetResult>;

  constructor(
    private readonly db: Database.Database,
    readonly file: string,
    readonly recoveredFrom: string | undefined,
    private readonly now: () => Date,
  ) {
    const p = (sql: string) => db.prepare(sql);
    const ofUser = `user_id = @userId OR conversation_id IN (SELECT conversation_id FROM conversations WHERE user_id = @userId)`;
    this.q = {
      processed: p('SELECT replies FROM processed_messages WHERE platform = ? AND message_id = ?').pluck(),
      conversation: p('SELECT state, version FROM conversations WHERE conversation_id = ?'),
      version: p('SELECT version FROM conversations WHERE conversation_id = ?').pluck(),
      insertConversation: p(
        `INSERT INTO conversations (conversation_id, platform, user_id, state, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (conversation_id) DO NOTHING`,
      ),
      updateConversation: p(
        'UPDATE conversations SET state = ?, version = version + 1, updated_at = ? WHERE conversation_id = ? AND version = ?',
      ),
      maxSeq: p('SELECT COALESCE(MAX(seq), 0) FROM turns WHERE conversation_id = ?').pluck(),
      insertTurn: p(
        `INSERT INTO turns (conversation_id, seq, message_id, role, user_id, text, replies, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertProcessed: p(
        `INSERT INTO processed_messages (platform, message_id, conversation_id, user_id, replies, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      upsertAnswer: p(
        `INSERT INTO answers (conversation_id, user_id, indicator, level, confidence, evidence, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id, indicator) DO UPDATE SET
           user_id = excluded.user_id, level = excluded.level, confidence = excluded.confidence,
           evidence = excluded.evidence, updated_at = excluded.updated_at`,
      ),
      state: p('SELECT state FROM conversations WHERE conversation_id = ?').pluck(),
      allConversations: p('SELECT * FROM conversations ORDER BY updated_at DESC, conversation_id'),
      userConversations: p('SELECT * FROM conversations WHERE user_id = ? ORDER BY updated_at DESC, conversation_id'),
      transcript: p('SELECT * FROM turns WHERE conversation_id = ? ORDER BY seq'),
      answers: p('SELECT * FROM answers WHERE conversation_id = ? ORDER BY indicator'),
      forgetTurns: p(`DELETE FROM turns WHERE ${ofUser}`),
      forgetAnswers: p(`DELETE FROM answers WHERE ${ofUser}`),
      forgetProcessed: p(`DELETE FROM processed_messages WHERE ${ofUser}`),
      forgetConversations: p('DELETE FROM conversations WHERE user_id = @userId'),
      pruneProcessed: p('DELETE FROM processed_messages WHERE created_at < ?'),
      resetTurns: p('DELETE FROM turns WHERE conversation_id = ?'),
      resetAnswers: p('DELETE FROM answers WHERE conversation_id = ?'),
      // The row stays, its version moves on: a turn computed before the reset then fails
      // its version check instead of writing the old interview back.
      resetConversation: p('UPDATE conversations SET state = NULL, version = version + 1, updated_at = ? WHERE conversation_id = ?'),
    };
    this.commitTx = db.transaction((input: CommitInput) => this.commitTurn(input));
    this.forgetTx = db.transaction((userId: string) => {
      // Dependants first: their subqueries still need the user's conversation rows.
      const turns = this.q.forgetTurns.run({ userId }).changes;
      const answers = this.q.forgetAnswers.run({ userId }).changes;
      const processedMessages = this.q.forgetProcessed.run({ userId }).changes;
      const conversations = this.q.forgetConversations.run({ userId }).changes;
      return { conversations, turns, answers, processedMessages };
    });
    this.resetTx = db.transaction((conversationId: string, at: string) => {
      const turns = this.q.resetTurns.run(conversationId).changes;
      const answers = this.q.resetAnswers.run(conversationId).changes;
      this.q.resetConversation.run(at, conversationId);
      return { turns, answers };
    });
  }

  async runTurn<S, R = unknown>(key: TurnKey, fn: TurnFn<S, R>, opts: RunTurnOptions<S, R> = {}): Promise<TurnOutcome<R>> {
    this.assertOpen();
    checkKey(key);
    const maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    // The duplicate check runs inside the lock, so a redelivery that arrives while the
    // original is still being computed waits for it and then finds its stored replies.
    return this.mutex.run(key.conversationId, async () => {
      for (let attempt = 1; ; attempt++) {
        const stored = this.q.processed.get(key.platform, key.messageId) as string | undefined;
        if (stored !== undefined) return this.duplicate(key, stored, opts.replySchema, attempt - 1);

        const row = this.q.conversation.get(key.conversationId) as Pick<ConversationRow, 'state' | 'version'> | undefined;
        const where = { table: 'conversations', column: 'state', conversationId: key.conversationId };
        const state = row?.state == null ? undefined : parseJsonColumn(row.state, opts.schema, where);

        // No transaction is open while fn runs: it may take seconds (an LLM call), and
        // other conversations must keep committing meanwhile.
        const out = await fn(state);

        this.assertOpen();
        const input = this.prepareCommit(key, out, opts.schema, row?.version ?? null);
        const result = this.commitTx.immediate(input);
        if (result.kind === 'committed') {
          return { replies: out.replies, duplicate: false, version: result.version, attempts: attempt };
        }
        if (result.kind === 'duplicate') return this.duplicate(key, result.repliesJson, opts.replySchema, attempt);
        if (attempt >= maxAttempts) {
          throw new TurnConflictError(
            `conversation ${JSON.stringify(key.conversationId)} in ${this.file} changed under message ${JSON.stringify(key.messageId)} ${attempt} times; gave up`,
          );
        }
        log.debug('conversation changed by another writer; recomputing the turn', {
          conversationId: key.conversationId,
          messageId: key.messageId,
          attempt,
        });
      }
    });
  }

  pruneProcessed(before: Date): number {
    this.assertOpen();
    return this.q.pruneProcessed.run(before.toISOString()).changes;
  }

  getState<S>(conversationId: string, opts: { schema?: z.ZodType<S> } = {}): S | undefined {
    this.assertOpen();
    const text = this.q.state.get(conversationId) as string | null | undefined;
    if (text == null) return undefined;
    return parseJsonColumn(text, opts.schema, { table: 'conversations', column: 'state', conversationId });
  }

  listConversations(userId?: string): ConversationSummary[] {
    this.assertOpen();
    const rows = (userId === undefined ? this.q.allConversations.all() : this.q.userConversations.all(userId)) as ConversationRow[];
    return rows.map((r) => ({
      conversationId: r.conversation_id,
      platform: r.platform as Platform,
      userId: r.user_id,
      version: r.version,
      hasState: r.state !== null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  transcript(conversationId: string): TranscriptEntry[] {
    this.assertOpen();
    const rows = this.q.transcript.all(conversationId) as Array<{
      seq: number;
      message_id: string;
      role: 'user' | 'bot';
      user_id: string;
      text: string;
      replies: string | null;
      created_at: string;
    }>;
    const where = { table: 'turns', column: 'replies', conversationId };
    return rows.map((r) => ({
      seq: r.seq,
      messageId: r.message_id,
      role: r.role,
      userId: r.user_id,
      text: r.text,
      replies: r.replies === null ? null : parseJsonColumn(r.replies, RepliesSchema, where),
      createdAt: r.created_at,
    }));
  }

  answers(conversationId: string): AnswerRecord[] {
    this.assertOpen();
    const rows = this.q.answers.all(conversationId) as Array<{
      user_id: string;
      indicator: string;
      level: number;
      confidence: number;
      evidence: string;
      updated_at: string;
    }>;
    const where = { table: 'answers', column: 'evidence', conversationId };
    return rows.map((r) => {
      const answer = validate(
        { indicator: r.indicator, level: r.level, confidence: r.confidence, evidence: parseJsonColumn(r.evidence, undefined, where) },
        AnswerRowSchema,
        { ...where, column: `row ${r.indicator}` },
      );
      return { ...answer, conversationId, userId: r.user_id, updatedAt: r.updated_at };
    });
  }

  forgetUser(userId: string): ForgetResult {
    this.assertOpen();
    const result = this.forgetTx.immediate(userId);
    // secure_delete zeroes the pages in the database file; the WAL still holds the old pages until a
    // checkpoint, so force one now rather than leave the forgotten words on disk.
    try { this.db.pragma('wal_checkpoint(TRUNCATE)'); } catch (err) { log.warn('checkpoint after forget failed', { error: (err as Error).message }); }
    log.info('forgot a user', { ...result });
    return result;
  }

  resetConversation(conversationId: string): ResetResult {
    this.assertOpen();
    return this.resetTx.immediate(conversationId, this.now().toISOString());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  /** Validates and serialises fn's output before the transaction opens, so a bad value writes nothing. */
  private prepareCommit<S, R>(key: TurnKey, out: unknown, schema: z.ZodType<S> | undefined, expectedVersion: number | null): CommitInput {
    const what = `the turn result for message ${JSON.stringify(key.messageId)} of conversation ${JSON.stringify(key.conversationId)}`;
    if (typeof out !== 'object' || out === null) throw new StoreDataError(`${what} is not an object`);
    const checked = validate(out, TurnOutputSchema, what);
    const state = (out as { state: unknown }).state;
    if (schema) validate(state, schema, `the new state in ${what}`);
    const stateJson = JSON.stringify(state) as string | undefined;
    if (stateJson === undefined) throw new StoreDataError(`the new state in ${what} is not JSON-serialisable`);
    const replies = checked.replies as R[];
    return {
      key,
      expectedVersion,
      stateJson,
      userText: checked.userText,
      botText: replies.map(replyText).join('\n\n'),
      repliesJson: JSON.stringify(replies),
      hasReplies: replies.length > 0,
      answers: checked.answers ?? [],
      at: this.now().toISOString(),
    };
  }

  /** Runs inside one IMMEDIATE transaction: either every row of the turn lands or none. */
  private commitTurn(c: CommitInput): CommitResult {
    const { key, at } = c;
    // Another process may have handled the same message since our first look.
    const stored = this.q.processed.get(key.platform, key.messageId) as string | undefined;
    if (stored !== undefined) return { kind: 'duplicate', repliesJson: stored };

    let version: number;
    if (c.expectedVersion === null) {
      const ins = this.q.insertConversation.run(key.conversationId, key.platform, key.userId, c.stateJson, at, at);
      if (ins.changes === 0) return { kind: 'conflict' };
      version = 1;
    } else {
      const upd = this.q.updateConversation.run(c.stateJson, at, key.conversationId, c.expectedVersion);
      if (upd.changes === 0) return { kind: 'conflict' };
      version = c.expectedVersion + 1;
    }
    const seq = this.q.maxSeq.get(key.conversationId) as number;
    this.q.insertTurn.run(key.conversationId, seq + 1, key.messageId, 'user', key.userId, c.userText, null, at);
    if (c.hasReplies) {
      this.q.insertTurn.run(key.conversationId, seq + 2, key.messageId, 'bot', key.userId, c.botText, c.repliesJson, at);
    }
    for (const a of c.answers) {
      this.q.upsertAnswer.run(key.conversationId, key.userId, a.indicator, a.level, a.confidence, JSON.stringify(a.evidence), at);
    }
    this.q.insertProcessed.run(key.platform, key.messageId, key.conversationId, key.userId, c.repliesJson, at);
    return { kind: 'committed', version };
  }

  private duplicate<R>(key: TurnKey, repliesJson: string, replySchema: z.ZodType<R> | undefined, attempts: number): TurnOutcome<R> {
    const where = { table: 'processed_messages', column: 'replies', conversationId: key.conversationId };
    const replies = parseJsonColumn(repliesJson, RepliesSchema, where);
    const checked = replySchema ? replies.map((r, i) => validate(r, replySchema, { ...where, column: `replies[${i}]` })) : (replies as R[]);
    const version = (this.q.version.get(key.conversationId) as number | undefined) ?? 0;
    return { replies: checked, duplicate: true, version, attempts };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the session store ${this.file} is closed`);
  }
}

function checkKey(key: TurnKey): void {
  for (const field of ['platform', 'conversationId', 'userId', 'messageId'] as const) {
    if (typeof key[field] !== 'string' || key[field].length === 0) {
      throw new TypeError(`runTurn: key.${field} must be a non-empty string (got ${JSON.stringify(key[field])})`);
    }
  }
}

/** The transcript text of a reply: its plain-text rendering when it has one. */
function replyText(reply: unknown): string {
  if (typeof reply === 'string') return reply;
  if (typeof reply === 'object' && reply !== null && typeof (reply as { text?: unknown }).text === 'string') {
    return (reply as { text: string }).text;
  }
  return JSON.stringify(reply) ?? '';
}
