/**
 * The PostgreSQL schema, as an append-only list: migration i takes the database from version i to
 * i + 1 (recorded in `wuyin_migrations`). Never edit a shipped migration; add a new one. The tables
 * mirror the SQLite backend's, so one contract suite describes both; JSON stays TEXT so a value
 * round-trips byte for byte and an unreadable row is quarantined the same way.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE conversations (
    conversation_id TEXT PRIMARY KEY,
    platform        TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    state           TEXT,
    version         INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE INDEX conversations_user ON conversations (user_id, updated_at);

  CREATE TABLE turns (
    conversation_id TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    message_id      TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  );
  CREATE INDEX turns_user ON turns (user_id);

  -- The unique key is what makes a message id processed once, whichever replica received it.
  CREATE TABLE processed_messages (
    platform        TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (platform, message_id)
  );
  CREATE INDEX processed_user ON processed_messages (user_id);
  CREATE INDEX processed_created ON processed_messages (created_at);

  CREATE TABLE answers (
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    indicator       TEXT NOT NULL,
    level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    confidence      DOUBLE PRECISION NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    evidence        TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (conversation_id, indicator)
  );
  CREATE INDEX answers_user ON answers (user_id);

  CREATE TABLE replies (
    id              BIGSERIAL PRIMARY KEY,
    platform        TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    position        INTEGER NOT NULL,
    body            TEXT NOT NULL,
    target          TEXT,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE INDEX replies_message ON replies (platform, message_id, position);
  CREATE INDEX replies_conversation ON replies (conversation_id, id);
  CREATE INDEX replies_open ON replies (status, conversation_id, id) WHERE status <> 'delivered';
  CREATE INDEX replies_user ON replies (user_id);

  CREATE TABLE inbox (
    id              BIGSERIAL PRIMARY KEY,
    platform        TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    message         TEXT NOT NULL,
    target          TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    received_at     TEXT NOT NULL,
    UNIQUE (platform, message_id)
  );
  CREATE INDEX inbox_conversation ON inbox (conversation_id, id);
  CREATE INDEX inbox_user ON inbox (user_id);

  CREATE TABLE past_assessments (
    id              BIGSERIAL PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    state           TEXT NOT NULL,
    archived_at     TEXT NOT NULL
  );
  CREATE INDEX past_conversation ON past_assessments (conversation_id, id);
  CREATE INDEX past_user ON past_assessments (user_id);

  CREATE TABLE quarantine (
    id              BIGSERIAL PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    state           TEXT,
    reason          TEXT NOT NULL,
    at              TEXT NOT NULL
  );
  CREATE INDEX quarantine_user ON quarantine (user_id);
  `,
  `
  -- Fixed-window per-user rate limits shared by every replica.
  CREATE TABLE rate_windows (
    bucket          TEXT NOT NULL,
    window_start    BIGINT NOT NULL,
    count           INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
  );
  -- Leases: one holder of a named role (a conversation's outbox drain, the DingTalk stream) at a time.
  CREATE TABLE leases (
    name            TEXT PRIMARY KEY,
    holder          TEXT NOT NULL,
    expires_at      BIGINT NOT NULL
  );
  `,
  `
  -- Ingested material shared by every replica (retrieval/shared-corpus.ts); the one-row
  -- corpus_version is bumped in the same transaction as each change, and replicas poll it.
  CREATE TABLE corpus_sources (
    name            TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    bytes           BIGINT NOT NULL,
    ingested_at     TEXT NOT NULL,
    text            TEXT NOT NULL
  );
  CREATE TABLE corpus_version (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    version         BIGINT NOT NULL
  );
  INSERT INTO corpus_version (id, version) VALUES (1, 0);
  `,
  `
  -- Attempted before sent (attempt id echoed back by platforms that can), and parts already sent.
  ALTER TABLE replies ADD COLUMN attempt_id TEXT;
  ALTER TABLE replies ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- The rate limiter's decision kept on the inbox row: a turn retried after a fail-over is not counted twice.
  ALTER TABLE inbox ADD COLUMN rate_decision TEXT CHECK (rate_decision IN ('allow', 'limit-notify', 'limit-silent'));
  `,
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;
