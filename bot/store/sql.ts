import type Database from 'better-sqlite3';

/**
 * The SQLite backend's statements, prepared once per connection: preparing is most of the
 * cost of a statement this small. Kept apart from the store's logic so both read in one sitting.
 */
export function prepareStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  // Rows of a user: their own, and every row of a conversation they own (a DM's bot replies).
  const ofUser = `user_id = @userId OR conversation_id IN (SELECT conversation_id FROM conversations WHERE user_id = @userId)`;
  return {
    rateCount: p('SELECT count FROM rate_windows WHERE bucket = ? AND window_start = ?').pluck(),
    rateHit: p(
      `INSERT INTO rate_windows AS w (bucket, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET count = w.count + 1 WHERE w.count + ? < ?`,
    ),
    rateNotice: p('INSERT INTO rate_windows (bucket, window_start, count) VALUES (?, ?, 1) ON CONFLICT DO NOTHING'),
    pruneRates: p('DELETE FROM rate_windows WHERE window_start < ?'),
    takeLease: p(
      `INSERT INTO leases AS l (name, holder, expires_at) VALUES (@name, @holder, @expires)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE l.holder = excluded.holder OR l.expires_at <= @now`,
    ),
    dropLease: p('DELETE FROM leases WHERE name = ? AND holder = ?'),
    pruneLeases: p('DELETE FROM leases WHERE expires_at < ?'),
    processed: p('SELECT 1 FROM processed_messages WHERE platform = ? AND message_id = ?').pluck(),
    repliesOf: p('SELECT body FROM replies WHERE platform = ? AND message_id = ? ORDER BY position').pluck(),
    conversation: p('SELECT state, version FROM conversations WHERE conversation_id = ?'),
    version: p('SELECT version FROM conversations WHERE conversation_id = ?').pluck(),
    owner: p('SELECT user_id FROM conversations WHERE conversation_id = ?').pluck(),
    insertConversation: p(
      `INSERT INTO conversations (conversation_id, platform, user_id, state, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (conversation_id) DO NOTHING`,
    ),
    updateConversation: p(
      'UPDATE conversations SET state = ?, version = version + 1, updated_at = ? WHERE conversation_id = ? AND version = ?',
    ),
    maxSeq: p('SELECT COALESCE(MAX(seq), 0) FROM turns WHERE conversation_id = ?').pluck(),
    insertTurn: p('INSERT INTO turns (conversation_id, seq, message_id, user_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    insertProcessed: p(
      `INSERT INTO processed_messages (platform, message_id, conversation_id, user_id, created_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    insertReply: p(
      `INSERT INTO replies (platform, conversation_id, message_id, user_id, position, body, target, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    storedAnswers: p('SELECT indicator, level, confidence, evidence FROM answers WHERE conversation_id = ?'),
    deleteAnswer: p('DELETE FROM answers WHERE conversation_id = ? AND indicator = ?'),
    upsertAnswer: p(
      `INSERT INTO answers (conversation_id, user_id, indicator, level, confidence, evidence, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id, indicator) DO UPDATE SET
         user_id = excluded.user_id, level = excluded.level, confidence = excluded.confidence,
         evidence = excluded.evidence, updated_at = excluded.updated_at`,
    ),
    insertPast: p('INSERT INTO past_assessments (conversation_id, user_id, state, archived_at) VALUES (?, ?, ?, ?)'),
    pastOf: p('SELECT * FROM past_assessments WHERE conversation_id = ? ORDER BY id DESC'),
    pastAll: p('SELECT * FROM past_assessments ORDER BY id DESC'),
    quarantine: p('INSERT INTO quarantine (conversation_id, user_id, state, reason, at) VALUES (?, ?, ?, ?, ?)'),
    clearState: p('UPDATE conversations SET state = NULL, version = version + 1, updated_at = ? WHERE conversation_id = ?'),
    quarantined: p('SELECT conversation_id, reason, at FROM quarantine ORDER BY id'),
    state: p('SELECT state FROM conversations WHERE conversation_id = ?').pluck(),
    allConversations: p('SELECT * FROM conversations ORDER BY updated_at DESC, conversation_id'),
    userConversations: p('SELECT * FROM conversations WHERE user_id = ? ORDER BY updated_at DESC, conversation_id'),
    transcript: p('SELECT * FROM turns WHERE conversation_id = ? ORDER BY seq'),
    repliesOfConversation: p('SELECT message_id, body FROM replies WHERE conversation_id = ? ORDER BY id'),
    answers: p('SELECT * FROM answers WHERE conversation_id = ? ORDER BY indicator'),

    inboxHas: p('SELECT 1 FROM inbox WHERE platform = ? AND message_id = ?').pluck(),
    insertInbox: p(
      `INSERT INTO inbox (platform, message_id, conversation_id, user_id, message, target, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    inboxAll: p('SELECT * FROM inbox ORDER BY id'),
    inboxOf: p('SELECT * FROM inbox WHERE conversation_id = ? ORDER BY id'),
    inboxDecision: p('SELECT rate_decision FROM inbox WHERE id = ?'),
    keepDecision: p('UPDATE inbox SET rate_decision = ? WHERE id = ?'),
    inboxIdsOf: p('SELECT id FROM inbox WHERE conversation_id = ? ORDER BY id').pluck(),
    failInbox: p('UPDATE inbox SET attempts = attempts + 1, error = ? WHERE id = ?'),
    consumeInbox: p('DELETE FROM inbox WHERE platform = ? AND message_id = ?'),

    // "status <> 'delivered'" names the partial index replies_open: SQLite does not infer it from "status = …",
    // and without it every look at the outbox reads every reply ever sent.
    outboxAll: p(`SELECT * FROM replies WHERE status <> 'delivered' AND status = 'pending' ORDER BY id`),
    outboxOf: p(`SELECT * FROM replies WHERE status <> 'delivered' AND status = 'pending' AND conversation_id = ? ORDER BY id`),
    outboxLeft: p(`SELECT 1 FROM replies WHERE status <> 'delivered' AND status = 'pending' AND conversation_id = ? LIMIT 1`).pluck(),
    failedAll: p(`SELECT * FROM replies WHERE status <> 'delivered' AND status = 'failed' ORDER BY id`),
    inboxWork: p('SELECT id, conversation_id FROM inbox WHERE platform = ? ORDER BY id'),
    outboxWork: p(`SELECT DISTINCT conversation_id FROM replies WHERE status <> 'delivered' AND status = 'pending' AND platform = ?`).pluck(),
    delivered: p(`UPDATE replies SET status = 'delivered', attempts = attempts + 1, error = NULL, updated_at = ? WHERE id = ?`),
    failed: p('UPDATE replies SET status = ?, attempts = attempts + 1, error = ?, updated_at = ? WHERE id = ?'),
    attempted: p(`UPDATE replies SET attempt_id = COALESCE(attempt_id, ?), updated_at = ? WHERE id = ? RETURNING attempt_id`).pluck(),
    attemptPending: p(
      `UPDATE replies SET attempt_id = COALESCE(attempt_id, ?), updated_at = ? WHERE id = ? AND status = 'pending' RETURNING attempt_id`,
    ).pluck(),
    partsSent: p('UPDATE replies SET parts_sent = MAX(parts_sent, ?), updated_at = ? WHERE id = ?'),

    forgetTurns: p(`DELETE FROM turns WHERE ${ofUser}`),
    forgetReplyGroups: p(`SELECT COUNT(DISTINCT conversation_id || char(0) || message_id) FROM replies WHERE ${ofUser}`).pluck(),
    forgetReplies: p(`DELETE FROM replies WHERE ${ofUser}`),
    forgetAnswers: p(`DELETE FROM answers WHERE ${ofUser}`),
    forgetProcessed: p(`DELETE FROM processed_messages WHERE ${ofUser}`),
    forgetInbox: p(`DELETE FROM inbox WHERE ${ofUser}`),
    forgetPast: p(`DELETE FROM past_assessments WHERE ${ofUser}`),
    forgetQuarantine: p(`DELETE FROM quarantine WHERE ${ofUser}`),
    // Rate buckets are `platform:user` (and `notice:platform:user`); leases name `role:conversation`.
    forgetRates: p(`DELETE FROM rate_windows WHERE substr(bucket, -length(@userId) - 1) = ':' || @userId`),
    forgetLeases: p(`DELETE FROM leases WHERE substr(name, instr(name, ':') + 1) IN (SELECT conversation_id FROM conversations WHERE user_id = @userId)`),
    forgetConversations: p('DELETE FROM conversations WHERE user_id = @userId'),
    pruneProcessed: p('DELETE FROM processed_messages WHERE created_at < ?'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

export interface ReplyRow {
  id: number;
  platform: string;
  conversation_id: string;
  message_id: string;
  user_id: string;
  position: number;
  body: string;
  target: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  error: string | null;
  created_at: string;
  updated_at: string;
  attempt_id: string | null;
  parts_sent: number;
}

export interface InboxRow {
  id: number;
  platform: string;
  message_id: string;
  conversation_id: string;
  user_id: string;
  message: string;
  target: string | null;
  attempts: number;
  error: string | null;
  received_at: string;
}
