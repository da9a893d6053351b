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
];

export const SCHEMA_VERSION = MIGRATIONS.length;
