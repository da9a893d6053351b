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

export const CAMPAIGN_SUBJECT = 'campaign:';
/** What a campaign report link names where a conversation id would be (conversation ids start with their platform). */
export const campaignSubject = (campaignId: string) => `${CAMPAIGN_SUBJECT}${campaignId}`;

/** What a token names now (the store tells revoked apart for the operator; the page answers 404 to every kind but ok). */
export type LinkLookup = { kind: 'ok'; link: ReportLink } | { kind: 'revoked'; locale: Locale } | { kind: 'unknown' };

/** A link as the operator sees it: no token (only its hash is stored); `id` is the hash's first 16 hex. */
export interface LinkInfo {
  id: string; conversationId: string; userId: string; locale: Locale;
  createdAt: string; expiresAt: string; revokedAt?: string;
}

/** Who may revoke: the person a link is about (their own links) and the operator (the CLI, any link). */
export interface ReportLinkStore {
  create(link: Omit<ReportLink, 'expiresAt'>, ttlMs: number): Promise<{ token: string; expiresAt: Date }>;
  lookup(token: string): Promise<LinkLookup>;
  /** The link, unless unknown, expired or revoked. */
  resolve(token: string): Promise<ReportLink | undefined>;
  revoke(token: string): Promise<boolean>;
  revokeConversation(conversationId: string): Promise<number>;
  /** Every live link to the user's reports. */
  revokeUser(userId: string): Promise<number>;
  /** By the id `list` shows (a prefix of at least 8 hex of the token's hash). */
  revokeId(id: string): Promise<number>;
  /** Links not yet expired, newest first. */
  list(filter?: { userId?: string }): Promise<LinkInfo[]>;
  /** Deletes the user's link rows (forget). */
  forgetUser(userId: string): Promise<number>;
  close(): Promise<void>;
}

export const LINK_ID = /^[0-9a-f]{8,64}$/;
export const isToken = (token: string) => TOKEN.test(token);
export const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest();

/** A token from a pasted link or the bare token. */
export function tokenOf(s: string): string | undefined {
  const t = s.trim().replace(/[?#].*$/, '').split('/').pop() ?? '';
  return TOKEN.test(t) ? t : undefined;
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

const hash = tokenHash;

/** A report_links row, the same columns in both backends. */
export interface LinkRow { token_hash: Buffer; conversation_id: string; user_id: string; locale: Locale; created_at: string; expires_at: string; revoked_at: string | null }
type Row = LinkRow;

export const linkInfo = (r: LinkRow): LinkInfo => ({
  id: r.token_hash.toString('hex').slice(0, 16), conversationId: r.conversation_id, userId: r.user_id, locale: r.locale,
  createdAt: r.created_at, expiresAt: r.expires_at, ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
});
const info = linkInfo;

/** What a token's row (found by its hash `h`) means now: both backends answer a lookup with this. */
export function judgeLink(row: LinkRow | undefined, h: Buffer, now: Date): LinkLookup {
  if (!row || !crypto.timingSafeEqual(row.token_hash, h)) return { kind: 'unknown' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { kind: 'unknown' };
  if (row.revoked_at) return { kind: 'revoked', locale: row.locale };
  return { kind: 'ok', link: { conversationId: row.conversation_id, userId: row.user_id, locale: row.locale, expiresAt: new Date(row.expires_at) } };
}

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
  const revokeUser = db.prepare('UPDATE report_links SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?');
  const revokeId = db.prepare("UPDATE report_links SET revoked_at = ? WHERE substr(hex(token_hash), 1, ?) = upper(?) AND revoked_at IS NULL");
  const listAll = db.prepare<[string], Row>('SELECT * FROM report_links WHERE expires_at > ? ORDER BY created_at DESC');
  const listUser = db.prepare<[string, string], Row>('SELECT * FROM report_links WHERE expires_at > ? AND user_id = ? ORDER BY created_at DESC');
  const forget = db.prepare('DELETE FROM report_links WHERE user_id = ?');
  const lookup = async (token: string): Promise<LinkLookup> => {
    // A malformed token is refused before any lookup, whatever its content.
    if (!TOKEN.test(token)) return { kind: 'unknown' };
    const h = hash(token);
    return judgeLink(select.get(h), h, now());
  };
  return {
    async create(link, ttlMs) {
      const token = crypto.randomBytes(32).toString('base64url');
      const t = now();
      const expiresAt = new Date(t.getTime() + ttlMs);
      prune.run(t.toISOString());
      insert.run(hash(token), link.conversationId, link.userId, link.locale, t.toISOString(), expiresAt.toISOString());
      return { token, expiresAt };
    },
    lookup,
    async resolve(token) {
      const l = await lookup(token);
      return l.kind === 'ok' ? l.link : undefined;
    },
    async revoke(token) {
      return TOKEN.test(token) && revoke.run(now().toISOString(), hash(token)).changes > 0;
    },
    async revokeConversation(conversationId) {
      return revokeAll.run(now().toISOString(), conversationId).changes;
    },
    async revokeUser(userId) {
      const t = now().toISOString();
      return revokeUser.run(t, userId, t).changes;
    },
    async revokeId(id) {
      return LINK_ID.test(id) ? revokeId.run(now().toISOString(), id.length, id).changes : 0;
    },
    async list(filter = {}) {
      const t = now().toISOString();
      return (filter.userId === undefined ? listAll.all(t) : listUser.all(t, filter.userId)).map(info);
    },
    async forgetUser(userId) {
      return forget.run(userId).changes;
    },
    async close() {
      db.close();
    },
  };
}

/** The links beside the configured store: PostgreSQL when `WUYIN_DATABASE_URL` is set, else the SQLite file. */
export async function openConfiguredReportLinks(config: { dataDir: string; WUYIN_DATABASE_URL?: string }): Promise<ReportLinkStore> {
  if (config.WUYIN_DATABASE_URL) {
    const { openPostgresReportLinks } = await import('./report-links-pg.js');
    return openPostgresReportLinks({ url: config.WUYIN_DATABASE_URL });
  }
  return openReportLinks(config.dataDir);
}
