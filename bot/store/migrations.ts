/**
 * The schema, as an append-only list: migration i takes the database from
 * user_version i to i + 1. Never edit a shipped migration; add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the initial schema. Plain rowid tables: turn and processed rows carry kilobytes
  // of reply JSON, which WITHOUT ROWID tables store poorly (measured 2.7x the file size).
  `
  CREATE TABLE conversations (
    conversation_id TEXT PRIMARY KEY,
    platform        TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    -- NULL after a reset: the row (and its version) survives so optimistic checks stay sound.
    state           TEXT CHECK (state IS NULL OR json_valid(state)),
    version         INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  ) STRICT;
  CREATE INDEX conversations_user ON conversations (user_id, updated_at);

  CREATE TABLE turns (
    conversation_id TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    message_id      TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('user', 'bot')),
    -- Whose message the row records or answers: group chats have several speakers, and
    -- forgetting a user must remove the bot's answers to them too.
    user_id         TEXT NOT NULL,
    text            TEXT NOT NULL,
    replies         TEXT CHECK (replies IS NULL OR json_valid(replies)),
    created_at      TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  ) STRICT;
  CREATE INDEX turns_user ON turns (user_id);

  CREATE TABLE processed_messages (
    platform        TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    replies         TEXT NOT NULL CHECK (json_valid(replies)),
    created_at      TEXT NOT NULL,
    PRIMARY KEY (platform, message_id)
  ) STRICT;
  CREATE INDEX processed_conversation ON processed_messages (conversation_id);
  CREATE INDEX processed_user ON processed_messages (user_id);

  CREATE TABLE answers (
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    indicator       TEXT NOT NULL,
    level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    confidence      REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    evidence        TEXT NOT NULL CHECK (json_valid(evidence)),
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (conversation_id, indicator)
  ) STRICT;
  CREATE INDEX answers_user ON answers (user_id);
  `,
  // 2: processed ids are pruned by age (SessionStore.pruneProcessed).
  `CREATE INDEX processed_created ON processed_messages (created_at);`,
  // 3: an inbox and an outbox; replies stored once (in `replies`, which is also the outbox)
  // instead of in turns.text, turns.replies and processed_messages.replies; past assessments;
  // a quarantine for unreadable states. Existing replies move over as delivered.
  `
  CREATE TABLE replies (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    platform        TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    position        INTEGER NOT NULL,
    body            TEXT NOT NULL CHECK (json_valid(body)),
    -- NULL: delivered by the caller (the terminal); otherwise where the delivery loop sends it.
    target          TEXT CHECK (target IS NULL OR json_valid(target)),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  ) STRICT;
  CREATE INDEX replies_message ON replies (platform, message_id, position);
  CREATE INDEX replies_conversation ON replies (conversation_id, id);
  CREATE INDEX replies_open ON replies (status, conversation_id, id) WHERE status <> 'delivered';
  CREATE INDEX replies_user ON replies (user_id);

  INSERT INTO replies (platform, conversation_id, message_id, user_id, position, body, status, created_at, updated_at)
    SELECT COALESCE(c.platform, 'test'), t.conversation_id, t.message_id, t.user_id, CAST(j.key AS INTEGER), j.value,
           'delivered', t.created_at, t.created_at
    FROM turns t JOIN json_each(t.replies) j LEFT JOIN conversations c ON c.conversation_id = t.conversation_id
    WHERE t.role = 'bot' AND t.replies IS NOT NULL
    ORDER BY t.conversation_id, t.seq, CAST(j.key AS INTEGER);

  CREATE TABLE turns_v3 (
    conversation_id TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    message_id      TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  ) STRICT;
  INSERT INTO turns_v3 SELECT conversation_id, seq, message_id, user_id, text, created_at FROM turns WHERE role = 'user';
  DROP TABLE turns;
  ALTER TABLE turns_v3 RENAME TO turns;
  CREATE INDEX turns_user ON turns (user_id);
  CREATE INDEX turns_message ON turns (conversation_id, message_id);

  CREATE TABLE processed_v3 (
    platform        TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (platform, message_id)
  ) STRICT;
  INSERT INTO processed_v3 SELECT platform, message_id, conversation_id, user_id, created_at FROM processed_messages;
  DROP TABLE processed_messages;
  ALTER TABLE processed_v3 RENAME TO processed_messages;
  CREATE INDEX processed_conversation ON processed_messages (conversation_id);
  CREATE INDEX processed_user ON processed_messages (user_id);
  CREATE INDEX processed_created ON processed_messages (created_at);

  CREATE TABLE inbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    platform        TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    message         TEXT NOT NULL CHECK (json_valid(message)),
    target          TEXT CHECK (target IS NULL OR json_valid(target)),
    attempts        INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    received_at     TEXT NOT NULL,
    UNIQUE (platform, message_id)
  ) STRICT;
  CREATE INDEX inbox_conversation ON inbox (conversation_id, id);
  CREATE INDEX inbox_user ON inbox (user_id);

  CREATE TABLE past_assessments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (json_valid(state)),
    archived_at     TEXT NOT NULL
  ) STRICT;
  CREATE INDEX past_conversation ON past_assessments (conversation_id, id);
  CREATE INDEX past_user ON past_assessments (user_id);

  -- Raw text, no json_valid: what lands here is what could not be read.
  CREATE TABLE quarantine (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    state           TEXT,
    reason          TEXT NOT NULL,
    at              TEXT NOT NULL
  ) STRICT;
  CREATE INDEX quarantine_user ON quarantine (user_id);
  `,
  // 4: a reply is marked attempted (with an attempt id the platform may echo back) before it is sent,
  // and a reply sent as several platform messages records how many of them went, so neither a
  // restart nor a retry sends a part again that the platform already has.
  `
  ALTER TABLE replies ADD COLUMN attempt_id TEXT;
  ALTER TABLE replies ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
  `,
  // 5: rate limits and leases shared by every process on the file (the PostgreSQL backend's migration 2).
  `
  CREATE TABLE rate_windows (
    bucket          TEXT NOT NULL,
    window_start    INTEGER NOT NULL,
    count           INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
  ) STRICT;
  CREATE TABLE leases (
    name            TEXT PRIMARY KEY,
    holder          TEXT NOT NULL,
    expires_at      INTEGER NOT NULL
  ) STRICT;
  `,
  // 6: the rate limiter's decision kept on the inbox row, so a turn retried after a fail-over (or a restart)
  // is not counted again (SessionStore.consumeRate with an inbox id; the PostgreSQL backend's migration 5).
  `ALTER TABLE inbox ADD COLUMN rate_decision TEXT CHECK (rate_decision IN ('allow', 'limit-notify', 'limit-silent'));`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
