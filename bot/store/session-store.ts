import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { logger } from '../../log.js';
import type { IncomingMessage, Platform } from '../types.js';
import { fullCheck, isCorruption, openDatabase, pageCheck } from './db.js';
import { forgetAside } from './aside.js';
import { KeyedMutex } from './mutex.js';
import { checkRule, claimLeaseName, fits, noticeBucket, RATE_ROWS_KEEP_MS, windowPlan, type WindowPlan } from './coordination.js';
import { checkKey, inboxEntry, outboxEntry, prepareCommit, replyText, type CommitInput, type CommitResult } from './commit.js';
import { AnswerRowSchema, IncomingSchema, parseJsonColumn, RepliesSchema, StoreDataError, TurnOutputSchema, validate } from './rows.js';
import { ValidatedStates } from './validated.js';
import { prepareStatements, type InboxRow, type ReplyRow, type Statements } from './sql.js';
import type {
  AnswerRecord,
  AnswerRow,
  ClaimKind,
  ConversationSummary,
  EnqueueResult,
  ForgetResult,
  InboxEntry,
  InboxEvent,
  IntegrityReport,
  LeaseClaim,
  OutboxEntry,
  PastAssessment,
  RateDecision,
  RateRule,
  RunTurnOptions,
  SessionStore,
  StoreOptions,
  TranscriptEntry,
  TurnFn,
  TurnKey,
  TurnOutcome,
} from './types.js';

/**
 * The SQLite backend of the session store: one committed IMMEDIATE transaction per turn
 * (state, transcript, answers, replies as outbox rows, processed id, inbox row consumed),
 * turns of one conversation serialised in-process, an optimistic version check across
 * processes, and exactly-once processing per (platform, message id).
 */

/** Another process kept committing to the conversation while this turn was computed. */
export class TurnConflictError extends Error {
  override readonly name = 'TurnConflictError';
}

const DEFAULT_MAX_ATTEMPTS = 3;
const FORGOTTEN = '(forgotten)';
const log = logger('store');

export function openStore(dataDir: string, opts: StoreOptions = {}): SqliteSessionStore {
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


export class SqliteSessionStore implements SessionStore {
  private readonly mutex = new KeyedMutex();
  private readonly validated = new ValidatedStates();
  private closed = false;
  private readonly q: Statements;
  private readonly forgetTx: Database.Transaction<(userId: string) => ForgetResult>;

  constructor(
    private readonly db: Database.Database,
    /** Absolute path of the SQLite file. */
    readonly file: string,
    /** Set when a corrupt file was found on open: where it was moved to. */
    readonly recoveredFrom: string | undefined,
    private readonly now: () => Date,
  ) {
    this.q = prepareStatements(db);
    this.forgetTx = db.transaction((userId: string) => this.forgetRows(userId));
  }

  async runTurn<S, R = unknown>(key: TurnKey, fn: TurnFn<S, R>, opts: RunTurnOptions<S, R> = {}): Promise<TurnOutcome<R>> {
    this.assertOpen();
    checkKey(key);
    const maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    // The duplicate check runs inside the lock, so a redelivery that arrives while the
    // original is still being computed waits for it and then finds its stored replies.
    return this.mutex.run(key.conversationId, async () => {
      for (let attempt = 1; ; attempt++) {
        if (this.q.processed.get(key.platform, key.messageId) !== undefined) return this.duplicate(key, opts.replySchema, attempt - 1);
        const { state, version } = this.readState(key, opts.schema);

        // No transaction is open while fn runs: it may take seconds (an LLM call), and
        // other conversations must keep committing meanwhile.
        const out = await fn(state);

        this.assertOpen();
        const input = prepareCommit(key, out, opts, version, this.now().toISOString());
        const result = await this.write(() => this.commitTurn(input));
        if (result.kind === 'committed' && opts.schema && input.stateJson !== undefined) this.validated.add(opts.schema, key.conversationId, input.stateJson);
        if (result.kind === 'committed' && input.forget) {
          this.checkpoint();
          await forgetAside(this.file, input.forget.userId);
        }
        if (result.kind === 'committed') {
          return { replies: (result.replies as R[] | undefined) ?? out.replies, duplicate: false, version: result.version, attempts: attempt };
        }
        if (result.kind === 'duplicate') return this.duplicate(key, opts.replySchema, attempt);
        if (attempt >= maxAttempts) {
          throw new TurnConflictError(
            `conversation ${JSON.stringify(key.conversationId)} in ${this.file} changed under message ${JSON.stringify(key.messageId)} ${attempt} times; gave up`,
          );
        }
        log.debug('conversation changed by another writer; recomputing the turn', { attempt });
      }
    });
  }

  /**
   * The stored state, validated. A state that cannot be read (bad JSON, failed schema, a
   * damaged row) is moved to the quarantine and the conversation starts fresh: one bad row
   * costs its own conversation, never the others.
   */
  private readState<S>(key: TurnKey, schema: z.ZodType<S> | undefined): { state: S | undefined; version: number | null } {
    let row: Pick<ConversationRow, 'state' | 'version'> | undefined;
    try {
      row = this.q.conversation.get(key.conversationId) as typeof row;
      return { state: row?.state == null ? undefined : this.parseState(row.state, schema, key.conversationId), version: row?.version ?? null };
    } catch (err) {
      if (!(err instanceof StoreDataError) && !isCorruption(err)) throw err;
      const at = this.now().toISOString();
      this.db.transaction(() => {
        const owner = (this.q.owner.get(key.conversationId) as string | undefined) ?? key.userId;
        this.q.quarantine.run(key.conversationId, owner, row?.state ?? null, (err as Error).message, at);
        this.q.clearState.run(at, key.conversationId);
      }).immediate();
      log.warn('a stored state could not be read; kept it in quarantine and started that conversation afresh', {
        reason: (err as Error).message,
      });
      return { state: undefined, version: (this.q.version.get(key.conversationId) as number | undefined) ?? null };
    }
  }

  async pruneProcessed(before: Date): Promise<number> {
    this.assertOpen();
    const cutoff = this.now().getTime() - RATE_ROWS_KEEP_MS;
    this.q.pruneRates.run(cutoff);
    this.q.pruneLeases.run(cutoff);
    return this.q.pruneProcessed.run(before.toISOString()).changes;
  }

  async consumeRate(bucket: string, rule: RateRule, opts: { inboxId?: number } = {}): Promise<RateDecision> {
    this.assertOpen();
    checkRule(rule);
    const plan = windowPlan(this.now().getTime(), rule);
    const { inboxId } = opts;
    if (inboxId === undefined) return this.write(() => this.countRate(bucket, rule, plan));
    return this.write(() => {
      const row = this.q.inboxDecision.get(inboxId) as { rate_decision: RateDecision | null } | undefined;
      // Gone: processed meanwhile, and its turn finds it so. Decided: a retried turn, not counted again.
      if (!row) return 'allow';
      if (row.rate_decision) return row.rate_decision;
      const decision = this.countRate(bucket, rule, plan);
      this.q.keepDecision.run(decision, inboxId);
      return decision;
    });
  }

  /** Runs inside a write: the check-and-increment, or the window's one notice. */
  private countRate(bucket: string, rule: RateRule, plan: WindowPlan): RateDecision {
    const previous = (this.q.rateCount.get(bucket, plan.previous) as number | undefined) ?? 0;
    // The conditional upsert is one statement: two processes on the file cannot both take the last slot.
    if (fits(0, previous, plan.weight, rule) && this.q.rateHit.run(bucket, plan.start, Math.floor(previous * plan.weight), rule.perWindow).changes > 0) {
      return 'allow';
    }
    return this.q.rateNotice.run(noticeBucket(bucket), plan.start).changes > 0 ? 'limit-notify' : 'limit-silent';
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    // Processes on one SQLite file share one machine's clock.
    return this.write(() => this.takeLease(name, { holder, ttlMs }));
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.assertOpen();
    await this.write(() => this.q.dropLease.run(name, holder));
  }

  async claimInbox(conversationId: string, lease: LeaseClaim): Promise<InboxEntry[] | null> {
    this.assertOpen();
    const rows = await this.write(() => (this.takeLease(claimLeaseName('inbox', conversationId), lease) ? (this.q.inboxOf.all(conversationId) as InboxRow[]) : null));
    return rows && rows.map(inboxEntry);
  }

  async claimOutbox<R = unknown>(conversationId: string, lease: LeaseClaim, opts: { attemptId?: string } = {}): Promise<OutboxEntry<R>[] | null> {
    this.assertOpen();
    const rows = await this.write(() => {
      if (!this.takeLease(claimLeaseName('outbox', conversationId), lease)) return null;
      const pending = this.q.outboxOf.all(conversationId) as ReplyRow[];
      const first = pending[0];
      if (first && first.attempt_id === null && opts.attemptId !== undefined) {
        first.updated_at = this.now().toISOString();
        first.attempt_id = this.q.attempted.get(opts.attemptId, first.updated_at, first.id) as string;
      }
      return pending;
    });
    return rows && rows.map((r) => outboxEntry<R>(r));
  }

  async releaseClaim(kind: ClaimKind, conversationId: string, holder: string, skip: number[] = []): Promise<boolean> {
    this.assertOpen();
    return this.write(() => {
      this.q.dropLease.run(claimLeaseName(kind, conversationId), holder);
      if (kind === 'outbox') return this.q.outboxLeft.get(conversationId) !== undefined;
      return (this.q.inboxIdsOf.all(conversationId) as number[]).some((id) => !skip.includes(id));
    });
  }

  private takeLease(name: string, lease: LeaseClaim): boolean {
    const now = Date.now();
    return this.q.takeLease.run({ name, holder: lease.holder, expires: now + Math.round(lease.ttlMs), now }).changes > 0;
  }

  async getState<S>(conversationId: string, opts: { schema?: z.ZodType<S> } = {}): Promise<S | undefined> {
    this.assertOpen();
    const text = this.q.state.get(conversationId) as string | null | undefined;
    if (text == null) return undefined;
    return this.parseState(text, opts.schema, conversationId);
  }

  /** A stored state, validated unless this very text was validated before (see ValidatedStates). */
  private parseState<S>(text: string, schema: z.ZodType<S> | undefined, conversationId: string): S {
    if (schema && this.validated.has(schema, conversationId, text)) return JSON.parse(text) as S;
    const state = parseJsonColumn(text, schema, { table: 'conversations', column: 'state', conversationId });
    if (schema) this.validated.add(schema, conversationId, text);
    return state;
  }

  async listConversations(userId?: string): Promise<ConversationSummary[]> {
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

  async transcript(conversationId: string): Promise<TranscriptEntry[]> {
    this.assertOpen();
    const turns = this.q.transcript.all(conversationId) as Array<{ seq: number; message_id: string; user_id: string; text: string; created_at: string }>;
    const where = { table: 'replies', column: 'body', conversationId };
    const byMessage = new Map<string, unknown[]>();
    for (const r of this.q.repliesOfConversation.all(conversationId) as Array<{ message_id: string; body: string }>) {
      const list = byMessage.get(r.message_id) ?? [];
      list.push(parseJsonColumn(r.body, undefined, where));
      byMessage.set(r.message_id, list);
    }
    return turns.flatMap((t) => {
      const user: TranscriptEntry = { seq: t.seq, messageId: t.message_id, role: 'user', userId: t.user_id, text: t.text, replies: null, createdAt: t.created_at };
      const replies = byMessage.get(t.message_id);
      if (!replies?.length) return [user];
      const text = replies.map(replyText).join('\n\n');
      return [user, { ...user, seq: t.seq + 1, role: 'bot' as const, text, replies }];
    });
  }

  async answers(conversationId: string): Promise<AnswerRecord[]> {
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

  async pastAssessments<S = unknown>(conversationId?: string, opts: { schema?: z.ZodType<S> } = {}): Promise<PastAssessment<S>[]> {
    this.assertOpen();
    const rows = (conversationId === undefined ? this.q.pastAll.all() : this.q.pastOf.all(conversationId)) as Array<{
      id: number;
      conversation_id: string;
      user_id: string;
      state: string;
      archived_at: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      conversationId: r.conversation_id,
      userId: r.user_id,
      state: parseJsonColumn(r.state, opts.schema, { table: 'past_assessments', column: 'state', conversationId: r.conversation_id }),
      archivedAt: r.archived_at,
    }));
  }

  async forgetUser(userId: string): Promise<ForgetResult> {
    this.assertOpen();
    const result = this.forgetTx.immediate(userId);
    this.checkpoint();
    // Copies kept aside as corrupt hold the user's words too.
    await forgetAside(this.file, userId);
    log.info('forgot a user', { ...result });
    return result;
  }

  // ── inbox ─────────────────────────────────────────────────────────────────
  async enqueueInbox(event: InboxEvent): Promise<EnqueueResult> {
    this.assertOpen();
    const m = validate(event.message, IncomingSchema, 'an inbox message');
    checkKey(m);
    const target = event.target === undefined ? null : JSON.stringify(event.target);
    return this.write(() => this.insertInboxRow(m, target, this.now().toISOString()));
  }

  private insertInboxRow(m: IncomingMessage, target: string | null, at: string): EnqueueResult {
    if (this.q.processed.get(m.platform, m.messageId) !== undefined || this.q.inboxHas.get(m.platform, m.messageId) !== undefined) {
      return { duplicate: true };
    }
    const r = this.q.insertInbox.run(m.platform, m.messageId, m.conversationId, m.userId, JSON.stringify(m), target, at);
    return { duplicate: false, id: Number(r.lastInsertRowid) };
  }

  // ── shared commits ────────────────────────────────────────────────────────
  /**
   * Writes issued together share one commit: each is queued and run, in order, by one IMMEDIATE
   * transaction at the next turn of the event loop, and its caller resolves once that commit is
   * done — so "resolved" still means "durable". Under a burst most of a write's cost is its commit
   * (inbox rows, turn commits, attempted and delivered marks, leases, rate windows): one commit each
   * made the store the largest part of a message's CPU. A write that throws rolls its batch back;
   * the batch then runs again one write per transaction, so it fails alone.
   */
  private write<T>(run: () => T): Promise<T> {
    this.assertOpen();
    return new Promise<T>((resolve, reject) => {
      this.writes.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (this.writes.length === 1) setImmediate(() => this.flushWrites());
    });
  }

  private readonly writes: Array<{ run: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];

  private flushWrites(): void {
    const batch = this.writes.splice(0);
    if (!batch.length) return;
    if (this.closed) return batch.forEach((b) => b.reject(new Error(`the session store ${this.file} is closed`)));
    let results: unknown[];
    try {
      results = batch.length === 1 ? [this.db.transaction(batch[0]!.run).immediate()] : this.db.transaction(() => batch.map((b) => b.run())).immediate();
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      for (const b of batch) {
        try {
          b.resolve(this.db.transaction(b.run).immediate());
        } catch (e) {
          b.reject(e);
        }
      }
      return;
    }
    batch.forEach((b, i) => b.resolve(results[i]));
  }

  async pendingInbox(conversationId?: string): Promise<InboxEntry[]> {
    this.assertOpen();
    const rows = (conversationId === undefined ? this.q.inboxAll.all() : this.q.inboxOf.all(conversationId)) as InboxRow[];
    return rows.map(inboxEntry);
  }

  async failInbox(id: number, error: string): Promise<void> {
    this.assertOpen();
    await this.write(() => this.q.failInbox.run(error.slice(0, 500), id));
  }

  // ── outbox ────────────────────────────────────────────────────────────────
  async pendingOutbox<R = unknown>(conversationId?: string): Promise<OutboxEntry<R>[]> {
    this.assertOpen();
    const rows = (conversationId === undefined ? this.q.outboxAll.all() : this.q.outboxOf.all(conversationId)) as ReplyRow[];
    return rows.map((r) => outboxEntry<R>(r));
  }

  async pendingWork(platform: Platform): Promise<{ inbox: Array<{ id: number; conversationId: string }>; outbox: string[] }> {
    this.assertOpen();
    const inbox = (this.q.inboxWork.all(platform) as Array<{ id: number; conversation_id: string }>).map((r) => ({ id: r.id, conversationId: r.conversation_id }));
    return { inbox, outbox: this.q.outboxWork.all(platform) as string[] };
  }

  async markDelivered(id: number, next?: { id: number; attemptId: string }): Promise<string | undefined> {
    this.assertOpen();
    const at = this.now().toISOString();
    return this.write(() => {
      this.q.delivered.run(at, id);
      return next ? ((this.q.attemptPending.get(next.attemptId, at, next.id) as string | undefined) ?? undefined) : undefined;
    });
  }

  async markFailed(id: number, error: string, opts: { final?: boolean } = {}): Promise<void> {
    this.assertOpen();
    await this.write(() => this.q.failed.run(opts.final ? 'failed' : 'pending', error.slice(0, 500), this.now().toISOString(), id));
  }

  async markAttempted(id: number, attemptId: string): Promise<string> {
    this.assertOpen();
    return this.write(() => (this.q.attempted.get(attemptId, this.now().toISOString(), id) as string | undefined) ?? attemptId);
  }

  async markPartsSent(id: number, parts: number): Promise<void> {
    this.assertOpen();
    await this.write(() => this.q.partsSent.run(parts, this.now().toISOString(), id));
  }

  async undeliverable<R = unknown>(): Promise<OutboxEntry<R>[]> {
    this.assertOpen();
    return (this.q.failedAll.all() as ReplyRow[]).map((r) => outboxEntry<R>(r));
  }

  async checkIntegrity(opts: { full?: boolean } = {}): Promise<IntegrityReport> {
    this.assertOpen();
    const problems: string[] = [];
    const page = pageCheck(this.file);
    if (page) problems.push(page);
    if (opts.full) problems.push(...fullCheck(this.db));
    const quarantined = (this.q.quarantined.all() as Array<{ conversation_id: string; reason: string; at: string }>).map((r) => ({
      conversationId: r.conversation_id,
      reason: r.reason,
      at: r.at,
    }));
    return { ok: problems.length === 0, level: opts.full ? 'full' : 'quick', problems, quarantined };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flushWrites();
    this.closed = true;
    this.db.close();
  }

  private checkpoint(): void {
    // secure_delete zeroes the pages in the database file; the WAL still holds the old pages until a
    // checkpoint, so force one now rather than leave the forgotten words on disk.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      log.warn('checkpoint after forget failed', { error: (err as Error).message });
    }
  }

  private forgetRows(userId: string): ForgetResult {
    const q = this.q;
    // Dependants first: their subqueries still need the user's conversation rows.
    const replyGroups = q.forgetReplyGroups.get({ userId }) as number;
    const turns = q.forgetTurns.run({ userId }).changes + replyGroups;
    q.forgetReplies.run({ userId });
    const answers = q.forgetAnswers.run({ userId }).changes;
    const processedMessages = q.forgetProcessed.run({ userId }).changes;
    q.forgetInbox.run({ userId });
    q.forgetPast.run({ userId });
    q.forgetQuarantine.run({ userId });
    q.forgetRates.run({ userId });
    q.forgetLeases.run({ userId });
    const conversations = q.forgetConversations.run({ userId }).changes;
    return { conversations, turns, answers, processedMessages };
  }


  /** Runs inside one IMMEDIATE transaction: either every row of the turn lands or none. */
  private commitTurn(c: CommitInput): CommitResult {
    const { key, at, q } = { ...c, q: this.q };
    // Another process may have handled the same message since our first look.
    if (q.processed.get(key.platform, key.messageId) !== undefined) return { kind: 'duplicate' };

    let version = c.expectedVersion ?? 0;
    let replies = c.replies;
    let built: unknown[] | undefined;
    if (c.forget) {
      built = c.forget.replies(this.forgetRows(c.forget.userId));
      replies = built.map((r) => JSON.stringify(r));
      version = 0;
    } else if (c.stateJson !== undefined) {
      if (c.expectedVersion === null) {
        if (q.insertConversation.run(key.conversationId, key.platform, key.userId, c.stateJson, at, at).changes === 0) return { kind: 'conflict' };
        version = 1;
      } else {
        if (q.updateConversation.run(c.stateJson, at, key.conversationId, c.expectedVersion).changes === 0) return { kind: 'conflict' };
        version = c.expectedVersion + 1;
      }
      if (c.archiveJson !== undefined) q.insertPast.run(key.conversationId, key.userId, c.archiveJson, at);
      if (c.answers) this.replaceAnswers(key, c.answers, at);
    }
    if (!c.forget) {
      const seq = q.maxSeq.get(key.conversationId) as number;
      // Two numbers per turn: the user's entry and the bot's (the replies, read from `replies`).
      q.insertTurn.run(key.conversationId, seq === 0 ? 1 : seq + 2, key.messageId, key.userId, c.userText, at);
    }
    const status = c.target === null ? 'delivered' : 'pending';
    // After a forget, the request's own rows (its id and a confirmation of counts) name no user.
    const owner = c.forget ? FORGOTTEN : key.userId;
    replies.forEach((body, i) => q.insertReply.run(key.platform, key.conversationId, key.messageId, owner, i, body, c.target, status, at, at));
    q.insertProcessed.run(key.platform, key.messageId, key.conversationId, owner, at);
    q.consumeInbox.run(key.platform, key.messageId);
    return { kind: 'committed', version, replies: built };
  }

  /** Makes the stored answers exactly `answers`; rows that did not change keep their user and time. */
  private replaceAnswers(key: TurnKey, answers: AnswerRow[], at: string): void {
    const stored = new Map(
      (this.q.storedAnswers.all(key.conversationId) as Array<{ indicator: string; level: number; confidence: number; evidence: string }>).map((r) => [
        r.indicator,
        `${r.level}|${r.confidence}|${r.evidence}`,
      ]),
    );
    const wanted = new Set(answers.map((a) => a.indicator as string));
    for (const indicator of stored.keys()) if (!wanted.has(indicator)) this.q.deleteAnswer.run(key.conversationId, indicator);
    for (const a of answers) {
      const evidence = JSON.stringify(a.evidence);
      if (stored.get(a.indicator) === `${a.level}|${a.confidence}|${evidence}`) continue;
      this.q.upsertAnswer.run(key.conversationId, key.userId, a.indicator, a.level, a.confidence, evidence, at);
    }
  }

  private duplicate<R>(key: TurnKey, replySchema: z.ZodType<R> | undefined, attempts: number): TurnOutcome<R> {
    const where = { table: 'replies', column: 'body', conversationId: key.conversationId };
    const replies = (this.q.repliesOf.all(key.platform, key.messageId) as string[]).map((b) => parseJsonColumn(b, undefined, where));
    const checked = replySchema ? replies.map((r, i) => validate(r, replySchema, { ...where, column: `body[${i}]` })) : (replies as R[]);
    const version = (this.q.version.get(key.conversationId) as number | undefined) ?? 0;
    return { replies: checked, duplicate: true, version, attempts };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the session store ${this.file} is closed`);
  }
}

