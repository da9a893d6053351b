import type pg from 'pg';
import type { z } from 'zod';
import { logger } from '../../../log.js';
import type { Platform } from '../../types.js';
import { KeyedMutex } from '../mutex.js';
import { checkRule, noticeBucket, RATE_ROWS_KEEP_MS, windowPlan } from '../coordination.js';
import { checkKey, inboxEntry, outboxEntry, prepareCommit, replyText, type CommitInput, type CommitResult } from '../commit.js';
import type { InboxRow, ReplyRow } from '../sql.js';
import { AnswerRowSchema, IncomingSchema, parseJsonColumn, StoreDataError, TurnOutputSchema, validate } from '../rows.js';
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
  RateDecision,
  RateRule,
  PastAssessment,
  RunTurnOptions,
  SessionStore,
  StoreOptions,
  TranscriptEntry,
  TurnFn,
  TurnKey,
  TurnOutcome,
} from '../types.js';
import { createPool, migrate, redactUrl, schemaVersion, type PgOptions } from './db.js';
import { PG_SCHEMA_VERSION } from './migrations.js';
import { claimRows, consumeForInbox, deliveredThenAttempt, releaseRows } from './drain.js';
import { commitInOneStatement, oneStatementFits } from './one-statement.js';

/**
 * The PostgreSQL backend of the session store, for several replicas on one database.
 *
 * Turns of one conversation run one at a time ACROSS replicas under a session-level advisory lock
 * held from the read of the state to the commit. We chose the lock over an optimistic version
 * check because the turn function may call an LLM: with a version check, a conflict would repeat
 * that call (seconds, and money); with the lock the second replica waits and then reads the first
 * one's result. A replica that dies holding the lock loses its connection, and PostgreSQL releases
 * the lock with it. Exactly-once processing per (platform, message id) is the primary key of
 * `processed_messages`, not a process cache. The version check stays as a second line of defence.
 */
const log = logger('store');
const FORGOTTEN = '(forgotten)';
const DEFAULT_MAX_ATTEMPTS = 3;
/** The server's clock in ms, for lease expiry. */
const DB_NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';
const ofUser = `(user_id = $1 OR conversation_id IN (SELECT conversation_id FROM conversations WHERE user_id = $1))`;

export interface PgStoreOptions extends StoreOptions, PgOptions {
  /** Bring the schema up to date on open (default). `wuyin doctor` opens without, to report the version as found. */
  migrate?: boolean;
}

export async function openPostgresStore(opts: PgStoreOptions): Promise<PostgresSessionStore> {
  const pool = createPool(opts);
  try {
    if (opts.migrate === false) await pool.query('SELECT 1');
    else await migrate(pool, opts.schema);
    // Open a few connections now: a turn should not wait for a TCP + auth handshake.
    const warm = await Promise.all(Array.from({ length: Math.min(4, opts.max ?? 16) }, () => pool.connect()));
    for (const c of warm) c.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot open the PostgreSQL store at ${redactUrl(opts.url)}: ${(err as Error).message}`, { cause: err });
  }
  return new PostgresSessionStore(pool, opts.now ?? (() => new Date()), redactUrl(opts.url));
}

type Q = pg.Pool | pg.PoolClient;

export class TurnConflictError extends Error {
  override readonly name = 'TurnConflictError';
}

export class PostgresSessionStore implements SessionStore {
  private readonly mutex = new KeyedMutex();
  private closed = false;

  constructor(
    /** Exposed for the backend's own operations (leases, rate limits, doctor). */
    readonly pool: pg.Pool,
    private readonly now: () => Date,
    /** The database URL without its password. */
    readonly where: string,
  ) {}

  async runTurn<S, R = unknown>(key: TurnKey, fn: TurnFn<S, R>, opts: RunTurnOptions<S, R> = {}): Promise<TurnOutcome<R>> {
    this.assertOpen();
    checkKey(key);
    const maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    // In-process first, so waiting turns of one conversation do not each hold a pooled connection.
    return this.mutex.run(key.conversationId, async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        // Keyed by schema and conversation: two deployments in one database never wait on each other.
        await client.query({ name: 'wuyin_turn_lock', text: 'SELECT pg_advisory_lock(hashtextextended(current_schema() || $1, 0))', values: [key.conversationId] });
        try {
          return await this.turnLocked(client, key, fn, opts, maxAttempts);
        } finally {
          await client.query({ name: 'wuyin_turn_unlock', text: 'SELECT pg_advisory_unlock(hashtextextended(current_schema() || $1, 0))', values: [key.conversationId] }).catch((e: Error) => (broken = e));
        }
      } catch (err) {
        if (isConnectionError(err)) broken = err as Error;
        throw err;
      } finally {
        client.release(broken);
      }
    });
  }

  private async turnLocked<S, R>(c: pg.PoolClient, key: TurnKey, fn: TurnFn<S, R>, opts: RunTurnOptions<S, R>, max: number): Promise<TurnOutcome<R>> {
    for (let attempt = 1; ; attempt++) {
      const start = await this.readState(c, key, opts.schema);
      if (start === 'processed') return this.duplicate(c, key, opts.replySchema, attempt - 1);
      const { state, version } = start;
      const out = await fn(state);
      this.assertOpen();
      const input = prepareCommit(key, out, opts, version, this.now().toISOString());
      const result = oneStatementFits(input) ? await commitInOneStatement(c, input) : await this.transaction(c, (tx) => this.commitTurn(tx, input));
      if (result.kind === 'committed') {
        return { replies: (result.replies as R[] | undefined) ?? (out.replies as R[]), duplicate: false, version: result.version, attempts: attempt };
      }
      if (result.kind === 'duplicate') return this.duplicate(c, key, opts.replySchema, attempt);
      if (attempt >= max) {
        throw new TurnConflictError(`conversation ${JSON.stringify(key.conversationId)} changed under message ${JSON.stringify(key.messageId)} ${attempt} times; gave up`);
      }
    }
  }

  private async transaction<T>(c: pg.PoolClient, body: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    await c.query('BEGIN');
    try {
      const out = await body(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      if ((err as { code?: string }).code === '23505') return { kind: 'duplicate' } as T; // processed by another replica
      throw err;
    }
  }

  private async isProcessed(q: Q, key: { platform: string; messageId: string }): Promise<boolean> {
    const r = await q.query({ name: 'wuyin_processed', text: 'SELECT 1 FROM processed_messages WHERE platform = $1 AND message_id = $2', values: [key.platform, key.messageId] });
    return r.rowCount! > 0;
  }

  /** Whether the message was processed, and the conversation's state: one round trip (both under the turn's lock). */
  private async readState<S>(c: pg.PoolClient, key: TurnKey, schema?: z.ZodType<S>): Promise<'processed' | { state: S | undefined; version: number | null }> {
    const r = await c.query({
      name: 'wuyin_turn_start',
      text: `SELECT EXISTS (SELECT 1 FROM processed_messages WHERE platform = $1 AND message_id = $2) AS processed, c.state, c.version, c.user_id
             FROM (SELECT 1) AS one LEFT JOIN conversations c ON c.conversation_id = $3`,
      values: [key.platform, key.messageId, key.conversationId],
    });
    if (r.rows[0].processed) return 'processed';
    const row = (r.rows[0].version === null ? undefined : r.rows[0]) as { state: string | null; version: number; user_id: string } | undefined;
    try {
      const where = { table: 'conversations', column: 'state', conversationId: key.conversationId };
      return { state: row?.state == null ? undefined : parseJsonColumn(row.state, schema, where), version: row?.version ?? null };
    } catch (err) {
      if (!(err instanceof StoreDataError)) throw err;
      const at = this.now().toISOString();
      await this.transaction(c, async (tx) => {
        await tx.query('INSERT INTO quarantine (conversation_id, user_id, state, reason, at) VALUES ($1, $2, $3, $4, $5)', [
          key.conversationId, row?.user_id ?? key.userId, row?.state ?? null, err.message, at,
        ]);
        await tx.query('UPDATE conversations SET state = NULL, version = version + 1, updated_at = $1 WHERE conversation_id = $2', [at, key.conversationId]);
      });
      log.warn('a stored state could not be read; kept it in quarantine and started that conversation afresh', { reason: err.message });
      return { state: undefined, version: row ? row.version + 1 : null };
    }
  }


  private async commitTurn(tx: pg.PoolClient, c: CommitInput): Promise<CommitResult> {
    const { key, at } = c;
    if (await this.isProcessed(tx, key)) return { kind: 'duplicate' };
    let version = c.expectedVersion ?? 0;
    let replies = c.replies;
    let built: unknown[] | undefined;
    if (c.forget) {
      built = c.forget.replies(await this.forgetRows(tx, c.forget.userId));
      replies = built.map((r) => JSON.stringify(r));
      version = 0;
    } else if (c.stateJson !== undefined) {
      if (c.expectedVersion === null) {
        const r = await tx.query(
          `INSERT INTO conversations (conversation_id, platform, user_id, state, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 1, $5, $5) ON CONFLICT (conversation_id) DO NOTHING`,
          [key.conversationId, key.platform, key.userId, c.stateJson, at],
        );
        if (r.rowCount === 0) return { kind: 'conflict' };
        version = 1;
      } else {
        const r = await tx.query('UPDATE conversations SET state = $1, version = version + 1, updated_at = $2 WHERE conversation_id = $3 AND version = $4', [
          c.stateJson, at, key.conversationId, c.expectedVersion,
        ]);
        if (r.rowCount === 0) return { kind: 'conflict' };
        version = c.expectedVersion + 1;
      }
      if (c.archiveJson !== undefined) {
        await tx.query('INSERT INTO past_assessments (conversation_id, user_id, state, archived_at) VALUES ($1, $2, $3, $4)', [key.conversationId, key.userId, c.archiveJson, at]);
      }
      if (c.answers) await this.replaceAnswers(tx, key, c.answers, at);
    }
    if (!c.forget) {
      const seq = Number((await tx.query('SELECT COALESCE(MAX(seq), 0) AS s FROM turns WHERE conversation_id = $1', [key.conversationId])).rows[0].s);
      await tx.query('INSERT INTO turns (conversation_id, seq, message_id, user_id, text, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        key.conversationId, seq === 0 ? 1 : seq + 2, key.messageId, key.userId, c.userText, at,
      ]);
    }
    const status = c.target === null ? 'delivered' : 'pending';
    const owner = c.forget ? FORGOTTEN : key.userId;
    for (const [i, body] of replies.entries()) {
      await tx.query(
        `INSERT INTO replies (platform, conversation_id, message_id, user_id, position, body, target, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [key.platform, key.conversationId, key.messageId, owner, i, body, c.target, status, at],
      );
    }
    await tx.query('INSERT INTO processed_messages (platform, message_id, conversation_id, user_id, created_at) VALUES ($1, $2, $3, $4, $5)', [
      key.platform, key.messageId, key.conversationId, owner, at,
    ]);
    await tx.query('DELETE FROM inbox WHERE platform = $1 AND message_id = $2', [key.platform, key.messageId]);
    return { kind: 'committed', version, replies: built };
  }

  private async replaceAnswers(tx: pg.PoolClient, key: TurnKey, answers: AnswerRow[], at: string): Promise<void> {
    const rows = (await tx.query('SELECT indicator, level, confidence, evidence FROM answers WHERE conversation_id = $1', [key.conversationId])).rows;
    const stored = new Map(rows.map((r) => [r.indicator as string, `${r.level}|${r.confidence}|${r.evidence}`]));
    const wanted = new Set(answers.map((a) => a.indicator as string));
    for (const indicator of stored.keys()) {
      if (!wanted.has(indicator)) await tx.query('DELETE FROM answers WHERE conversation_id = $1 AND indicator = $2', [key.conversationId, indicator]);
    }
    for (const a of answers) {
      const evidence = JSON.stringify(a.evidence);
      if (stored.get(a.indicator) === `${a.level}|${a.confidence}|${evidence}`) continue;
      await tx.query(
        `INSERT INTO answers (conversation_id, user_id, indicator, level, confidence, evidence, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (conversation_id, indicator) DO UPDATE SET user_id = excluded.user_id, level = excluded.level,
           confidence = excluded.confidence, evidence = excluded.evidence, updated_at = excluded.updated_at`,
        [key.conversationId, key.userId, a.indicator, a.level, a.confidence, evidence, at],
      );
    }
  }

  private async forgetRows(tx: pg.PoolClient, userId: string): Promise<ForgetResult> {
    const del = async (table: string) => (await tx.query(`DELETE FROM ${table} WHERE ${ofUser}`, [userId])).rowCount ?? 0;
    // Leases first: a drain's claim locks its lease row and then its replies (drain.ts); the same order
    // here means the two cannot deadlock.
    await tx.query(`DELETE FROM leases WHERE substr(name, strpos(name, ':') + 1) IN (SELECT conversation_id FROM conversations WHERE user_id = $1)`, [userId]);
    const groups = Number((await tx.query(`SELECT COUNT(DISTINCT (conversation_id, message_id)) AS n FROM replies WHERE ${ofUser}`, [userId])).rows[0].n);
    const turns = (await del('turns')) + groups;
    await del('replies');
    const answers = await del('answers');
    const processedMessages = await del('processed_messages');
    await del('inbox');
    await del('past_assessments');
    await del('quarantine');
    // Rate buckets are `platform:user` (and `notice:platform:user`); leases (above) name `role:conversation`.
    await tx.query(`DELETE FROM rate_windows WHERE right(bucket, length($1) + 1) = ':' || $1`, [userId]);
    const conversations = (await tx.query('DELETE FROM conversations WHERE user_id = $1', [userId])).rowCount ?? 0;
    return { conversations, turns, answers, processedMessages };
  }

  private async duplicate<R>(q: Q, key: TurnKey, replySchema: z.ZodType<R> | undefined, attempts: number): Promise<TurnOutcome<R>> {
    const where = { table: 'replies', column: 'body', conversationId: key.conversationId };
    const rows = (await q.query('SELECT body FROM replies WHERE platform = $1 AND message_id = $2 ORDER BY position', [key.platform, key.messageId])).rows;
    const replies = rows.map((r) => parseJsonColumn(r.body as string, undefined, where));
    const checked = replySchema ? replies.map((r, i) => validate(r, replySchema, { ...where, column: `body[${i}]` })) : (replies as R[]);
    const v = (await q.query('SELECT version FROM conversations WHERE conversation_id = $1', [key.conversationId])).rows[0];
    return { replies: checked, duplicate: true, version: v ? Number(v.version) : 0, attempts };
  }

  async getState<S>(conversationId: string, opts: { schema?: z.ZodType<S> } = {}): Promise<S | undefined> {
    this.assertOpen();
    const r = await this.pool.query('SELECT state FROM conversations WHERE conversation_id = $1', [conversationId]);
    const text = r.rows[0]?.state as string | null | undefined;
    if (text == null) return undefined;
    return parseJsonColumn(text, opts.schema, { table: 'conversations', column: 'state', conversationId });
  }

  async listConversations(userId?: string): Promise<ConversationSummary[]> {
    this.assertOpen();
    const sql = `SELECT * FROM conversations ${userId === undefined ? '' : 'WHERE user_id = $1'} ORDER BY updated_at DESC, conversation_id`;
    const rows = (await this.pool.query(sql, userId === undefined ? [] : [userId])).rows;
    return rows.map((r) => ({
      conversationId: r.conversation_id,
      platform: r.platform as Platform,
      userId: r.user_id,
      version: Number(r.version),
      hasState: r.state !== null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async transcript(conversationId: string): Promise<TranscriptEntry[]> {
    this.assertOpen();
    const turns = (await this.pool.query('SELECT * FROM turns WHERE conversation_id = $1 ORDER BY seq', [conversationId])).rows;
    const where = { table: 'replies', column: 'body', conversationId };
    const byMessage = new Map<string, unknown[]>();
    for (const r of (await this.pool.query('SELECT message_id, body FROM replies WHERE conversation_id = $1 ORDER BY id', [conversationId])).rows) {
      const list = byMessage.get(r.message_id) ?? [];
      list.push(parseJsonColumn(r.body, undefined, where));
      byMessage.set(r.message_id, list);
    }
    return turns.flatMap((t) => {
      const user: TranscriptEntry = { seq: t.seq, messageId: t.message_id, role: 'user', userId: t.user_id, text: t.text, replies: null, createdAt: t.created_at };
      const replies = byMessage.get(t.message_id);
      if (!replies?.length) return [user];
      return [user, { ...user, seq: t.seq + 1, role: 'bot' as const, text: replies.map(replyText).join('\n\n'), replies }];
    });
  }

  async answers(conversationId: string): Promise<AnswerRecord[]> {
    this.assertOpen();
    const rows = (await this.pool.query('SELECT * FROM answers WHERE conversation_id = $1 ORDER BY indicator', [conversationId])).rows;
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
    const sql = `SELECT * FROM past_assessments ${conversationId === undefined ? '' : 'WHERE conversation_id = $1'} ORDER BY id DESC`;
    const rows = (await this.pool.query(sql, conversationId === undefined ? [] : [conversationId])).rows;
    return rows.map((r) => ({
      id: Number(r.id),
      conversationId: r.conversation_id,
      userId: r.user_id,
      state: parseJsonColumn(r.state, opts.schema, { table: 'past_assessments', column: 'state', conversationId: r.conversation_id }),
      archivedAt: r.archived_at,
    }));
  }

  async forgetUser(userId: string): Promise<ForgetResult> {
    this.assertOpen();
    const client = await this.pool.connect();
    try {
      const result = await this.transaction(client, (tx) => this.forgetRows(tx, userId));
      log.info('forgot a user', { ...result });
      return result;
    } finally {
      client.release();
    }
  }

  async pruneProcessed(before: Date): Promise<number> {
    this.assertOpen();
    // Old rate windows and long-expired leases go with the hourly prune.
    await this.pool.query('DELETE FROM rate_windows WHERE window_start < $1', [this.now().getTime() - RATE_ROWS_KEEP_MS]);
    await this.pool.query(`DELETE FROM leases WHERE expires_at < ${DB_NOW_MS} - $1`, [RATE_ROWS_KEEP_MS]);
    return (await this.pool.query('DELETE FROM processed_messages WHERE created_at < $1', [before.toISOString()])).rowCount ?? 0;
  }

  async consumeRate(bucket: string, rule: RateRule, opts: { inboxId?: number } = {}): Promise<RateDecision> {
    this.assertOpen();
    checkRule(rule);
    const plan = windowPlan(this.now().getTime(), rule);
    if (opts.inboxId !== undefined) return consumeForInbox(this.pool, bucket, rule, plan, opts.inboxId);
    // One statement, one round trip: the previous window's carried count, then the check-and-increment,
    // whose row lock (ON CONFLICT) makes it one step across replicas.
    const r = await this.pool.query({
      name: 'wuyin_rate_consume',
      text: `WITH prev AS (SELECT floor(COALESCE((SELECT count FROM rate_windows WHERE bucket = $1 AND window_start = $2), 0) * $3::float8) AS carried)
             INSERT INTO rate_windows AS w (bucket, window_start, count) SELECT $1, $4, 1 FROM prev WHERE prev.carried < $5
             ON CONFLICT (bucket, window_start) DO UPDATE SET count = w.count + 1 WHERE w.count + (SELECT carried FROM prev) < $5 RETURNING count`,
      values: [bucket, plan.previous, plan.weight, plan.start, rule.perWindow],
    });
    return r.rowCount ? 'allow' : this.rateNotice(bucket, plan.start);
  }

  private async rateNotice(bucket: string, start: number): Promise<RateDecision> {
    const r = await this.pool.query(
      'INSERT INTO rate_windows (bucket, window_start, count) VALUES ($1, $2, 1) ON CONFLICT (bucket, window_start) DO NOTHING',
      [noticeBucket(bucket), start],
    );
    return r.rowCount ? 'limit-notify' : 'limit-silent';
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    // The database's clock, not the replica's: replicas' clocks may differ, the server's is the one they share.
    const r = await this.pool.query({
      name: 'wuyin_lease_acquire',
      text: `INSERT INTO leases AS l (name, holder, expires_at) VALUES ($1, $2, ${DB_NOW_MS} + $3)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
             WHERE l.holder = excluded.holder OR l.expires_at <= ${DB_NOW_MS}`,
      values: [name, holder, Math.round(ttlMs)],
    });
    return (r.rowCount ?? 0) > 0;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.assertOpen();
    await this.pool.query({ name: 'wuyin_lease_release', text: 'DELETE FROM leases WHERE name = $1 AND holder = $2', values: [name, holder] });
  }

  async claimInbox(conversationId: string, lease: LeaseClaim): Promise<InboxEntry[] | null> {
    this.assertOpen();
    const rows = await claimRows(this.pool, 'inbox', conversationId, lease);
    return rows && rows.map((r) => inboxEntry(r as InboxRow));
  }

  async claimOutbox<R = unknown>(conversationId: string, lease: LeaseClaim, opts: { attemptId?: string } = {}): Promise<OutboxEntry<R>[] | null> {
    this.assertOpen();
    const rows = await claimRows(this.pool, 'outbox', conversationId, lease, { attemptId: opts.attemptId, at: this.now().toISOString() });
    return rows && rows.map((r) => outboxEntry<R>(r as ReplyRow));
  }

  async releaseClaim(kind: ClaimKind, conversationId: string, holder: string, skip: number[] = []): Promise<boolean> {
    this.assertOpen();
    return releaseRows(this.pool, kind, conversationId, holder, skip);
  }

  /**
   * One round trip to the server, for /healthz: throws when PostgreSQL is unreachable, and says
   * `read-only` for a server in recovery (a standby after a fail-over), where every commit would fail.
   */
  async ping(): Promise<{ ok: boolean; code?: string }> {
    this.assertOpen();
    const r = await this.pool.query('SELECT pg_is_in_recovery() AS standby');
    return r.rows[0].standby ? { ok: false, code: 'read-only' } : { ok: true };
  }

  async enqueueInbox(event: InboxEvent): Promise<EnqueueResult> {
    this.assertOpen();
    const m = validate(event.message, IncomingSchema, 'an inbox message');
    checkKey(m);
    // The unique key decides between replicas receiving the same event at once; a processed id is not inserted.
    const r = await this.pool.query({
      name: 'wuyin_inbox_insert',
      text: `INSERT INTO inbox (platform, message_id, conversation_id, user_id, message, target, received_at)
             SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS (SELECT 1 FROM processed_messages WHERE platform = $1 AND message_id = $2)
             ON CONFLICT (platform, message_id) DO NOTHING RETURNING id`,
      values: [m.platform, m.messageId, m.conversationId, m.userId, JSON.stringify(m), event.target === undefined ? null : JSON.stringify(event.target), this.now().toISOString()],
    });
    if (r.rowCount === 0) return { duplicate: true };
    // Processed between our two statements by another replica: its turn already ran.
    if (await this.isProcessed(this.pool, m)) {
      await this.pool.query('DELETE FROM inbox WHERE id = $1', [r.rows[0].id]);
      return { duplicate: true };
    }
    return { duplicate: false, id: Number(r.rows[0].id) };
  }

  async pendingInbox(conversationId?: string): Promise<InboxEntry[]> {
    this.assertOpen();
    const rows = (await this.pool.query(conversationId === undefined
      ? 'SELECT * FROM inbox ORDER BY id'
      : { name: 'wuyin_inbox_of', text: 'SELECT * FROM inbox WHERE conversation_id = $1 ORDER BY id', values: [conversationId] })).rows;
    return rows.map(inboxEntry);
  }

  async failInbox(id: number, error: string): Promise<void> {
    this.assertOpen();
    await this.pool.query('UPDATE inbox SET attempts = attempts + 1, error = $1 WHERE id = $2', [error.slice(0, 500), id]);
  }

  async pendingOutbox<R = unknown>(conversationId?: string): Promise<OutboxEntry<R>[]> {
    this.assertOpen();
    const rows = (await this.pool.query(conversationId === undefined
      ? `SELECT * FROM replies WHERE status = 'pending' ORDER BY id`
      : { name: 'wuyin_outbox_of', text: `SELECT * FROM replies WHERE status = 'pending' AND conversation_id = $1 ORDER BY id`, values: [conversationId] })).rows;
    return rows.map((r) => outboxEntry<R>(r as ReplyRow));
  }

  async pendingWork(platform: Platform): Promise<{ inbox: Array<{ id: number; conversationId: string }>; outbox: string[] }> {
    this.assertOpen();
    const [inbox, outbox] = await Promise.all([
      this.pool.query('SELECT id, conversation_id FROM inbox WHERE platform = $1 ORDER BY id', [platform]),
      this.pool.query(`SELECT DISTINCT conversation_id FROM replies WHERE status = 'pending' AND platform = $1`, [platform]),
    ]);
    return {
      inbox: inbox.rows.map((r) => ({ id: Number(r.id), conversationId: r.conversation_id as string })),
      outbox: outbox.rows.map((r) => r.conversation_id as string),
    };
  }

  async markDelivered(id: number, next?: { id: number; attemptId: string }): Promise<string | undefined> {
    this.assertOpen();
    if (next) return deliveredThenAttempt(this.pool, id, next, this.now().toISOString());
    await this.pool.query({ name: 'wuyin_delivered', text: `UPDATE replies SET status = 'delivered', attempts = attempts + 1, error = NULL, updated_at = $1 WHERE id = $2`, values: [this.now().toISOString(), id] });
  }

  async markFailed(id: number, error: string, opts: { final?: boolean } = {}): Promise<void> {
    this.assertOpen();
    await this.pool.query('UPDATE replies SET status = $1, attempts = attempts + 1, error = $2, updated_at = $3 WHERE id = $4', [
      opts.final ? 'failed' : 'pending', error.slice(0, 500), this.now().toISOString(), id,
    ]);
  }

  async markAttempted(id: number, attemptId: string): Promise<string> {
    this.assertOpen();
    const r = await this.pool.query({
      name: 'wuyin_attempted',
      text: 'UPDATE replies SET attempt_id = COALESCE(attempt_id, $1), updated_at = $2 WHERE id = $3 RETURNING attempt_id',
      values: [attemptId, this.now().toISOString(), id],
    });
    return (r.rows[0] as { attempt_id?: string } | undefined)?.attempt_id ?? attemptId;
  }

  async markPartsSent(id: number, parts: number): Promise<void> {
    this.assertOpen();
    await this.pool.query('UPDATE replies SET parts_sent = GREATEST(parts_sent, $1), updated_at = $2 WHERE id = $3', [parts, this.now().toISOString(), id]);
  }

  async undeliverable<R = unknown>(): Promise<OutboxEntry<R>[]> {
    this.assertOpen();
    return (await this.pool.query(`SELECT * FROM replies WHERE status = 'failed' ORDER BY id`)).rows.map((r) => outboxEntry<R>(r as ReplyRow));
  }

  async checkIntegrity(opts: { full?: boolean } = {}): Promise<IntegrityReport> {
    this.assertOpen();
    const problems: string[] = [];
    let quarantined: IntegrityReport['quarantined'] = [];
    try {
      // A database no Wuyin has migrated yet has no wuyin_migrations table (42P01): version 0.
      const version = await schemaVersion(this.pool).catch((err: { code?: string }) => {
        if (err.code === '42P01') return 0;
        throw err;
      });
      if (version !== PG_SCHEMA_VERSION) problems.push(`schema version ${version}, expected ${PG_SCHEMA_VERSION}: run wuyin migrate`);
      if (opts.full) problems.push(...(await this.fullCheck()));
      quarantined = (await this.pool.query('SELECT conversation_id, reason, at FROM quarantine ORDER BY id')).rows.map((r) => ({
        conversationId: r.conversation_id,
        reason: r.reason,
        at: r.at,
      }));
    } catch (err) {
      problems.push(`PostgreSQL at ${this.where} is unreachable: ${(err as Error).message}`);
    }
    return { ok: problems.length === 0, level: opts.full ? 'full' : 'quick', problems, quarantined };
  }

  /** Every stored JSON value parses; answers point at live conversations. */
  private async fullCheck(): Promise<string[]> {
    const problems: string[] = [];
    for (const [table, column] of [['conversations', 'state'], ['replies', 'body'], ['answers', 'evidence'], ['inbox', 'message']] as const) {
      const rows = (await this.pool.query(`SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`)).rows;
      const bad = rows.filter((r) => {
        try {
          JSON.parse(r.v);
          return false;
        } catch {
          return true;
        }
      }).length;
      if (bad) problems.push(`${bad} row(s) of ${table}.${column} are not valid JSON`);
    }
    const orphans = Number((await this.pool.query('SELECT COUNT(*) AS n FROM answers a WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.conversation_id = a.conversation_id)')).rows[0].n);
    if (orphans) problems.push(`${orphans} answer row(s) belong to no conversation`);
    return problems;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the session store at ${this.where} is closed`);
  }
}

/** Errors after which the connection itself is unusable (the server went away). */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|57P0[1-3]|08\d\d\d)$/.test(code) || /Connection terminated/i.test(String((err as Error)?.message));
}
