import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Locale } from '../types.js';
import { openDatabase } from './db.js';

/**
 * Links to a conversation's report (`/reports/<token>`): unguessable (256 random bits), expiring,
 * revocable. Only the token's SHA-256 is stored and looked up, so neither the file nor the time a
 * lookup takes tells anything about a valid token. A link names a conversation, not a copy of the
 * report: the page is rendered from the conversation as it is, so forgetting a user's data also
 * ends every link to it. Its own table, created here (additive; the session store's migrations
 * are untouched).
 */
export interface ReportLink {
  conversationId: string;
  userId: string;
  locale: Locale;
  expiresAt: Date;
}

export interface ReportLinkStore {
  create(link: Omit<ReportLink, 'expiresAt'>, ttlMs: number): Promise<{ token: string; expiresAt: Date }>;
  /** The link, unless unknown, expired or revoked. */
  resolve(token: string): Promise<ReportLink | undefined>;
  revoke(token: string): Promise<boolean>;
  revokeConversation(conversationId: string): Promise<number>;
  close(): Promise<void>;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS report_links (
  token_hash      BLOB PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  locale          TEXT NOT NULL CHECK (locale IN ('zh', 'en')),
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  revoked_at      TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS report_links_conversation ON report_links (conversation_id);
CREATE INDEX IF NOT EXISTS report_links_user ON report_links (user_id);
`;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest();

interface Row { token_hash: Buffer; conversation_id: string; user_id: string; locale: Locale; expires_at: string; revoked_at: string | null }

export function openReportLinks(dataDir: string, now: () => Date = () => new Date()): ReportLinkStore {
  const { db } = openDatabase(dataDir, now);
  db.exec(SCHEMA);
  return sqliteReportLinks(db, now);
}

function sqliteReportLinks(db: Database.Database, now: () => Date): ReportLinkStore {
  const insert = db.prepare('INSERT INTO report_links (token_hash, conversation_id, user_id, locale, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const select = db.prepare<[Buffer], Row>('SELECT * FROM report_links WHERE token_hash = ?');
  const revoke = db.prepare('UPDATE report_links SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
  const revokeAll = db.prepare('UPDATE report_links SET revoked_at = ? WHERE conversation_id = ? AND revoked_at IS NULL');
  const prune = db.prepare('DELETE FROM report_links WHERE expires_at < ?');
  return {
    async create(link, ttlMs) {
      const token = crypto.randomBytes(32).toString('base64url');
      const t = now();
      const expiresAt = new Date(t.getTime() + ttlMs);
      prune.run(t.toISOString());
      insert.run(hash(token), link.conversationId, link.userId, link.locale, t.toISOString(), expiresAt.toISOString());
      return { token, expiresAt };
    },
    async resolve(token) {
      // A malformed token is refused before any lookup, whatever its content.
      if (!TOKEN.test(token)) return undefined;
      const h = hash(token);
      const row = select.get(h);
      if (!row || !crypto.timingSafeEqual(row.token_hash, h)) return undefined;
      if (row.revoked_at || new Date(row.expires_at).getTime() <= now().getTime()) return undefined;
      return { conversationId: row.conversation_id, userId: row.user_id, locale: row.locale, expiresAt: new Date(row.expires_at) };
    },
    async revoke(token) {
      return TOKEN.test(token) && revoke.run(now().toISOString(), hash(token)).changes > 0;
    },
    async revokeConversation(conversationId) {
      return revokeAll.run(now().toISOString(), conversationId).changes;
    },
    async close() {
      db.close();
    },
  };
}
