import crypto from 'node:crypto';
import type pg from 'pg';
import { createPool, redactUrl, type PgOptions } from './postgres/db.js';
import { migrateList, type MigrationList } from './postgres/migrate-list.js';
import { isToken, judgeLink, LINK_ID, linkInfo, tokenHash, type LinkLookup, type LinkRow, type ReportLinkStore } from './report-links.js';

/**
 * Report links on PostgreSQL, so a link made by one replica opens on any other and a revoke holds
 * everywhere. The same contract as the SQLite table (test/bot/store/report-links-contract.ts);
 * its own migration list, versioned in `report_link_migrations`.
 */
export const PG_LINK_MIGRATIONS: MigrationList = {
  table: 'report_link_migrations',
  lock: 7_220_019,
  migrations: [
    `
    CREATE TABLE report_links (
      token_hash      BYTEA PRIMARY KEY,
      conversation_id TEXT NOT NULL,
      user_id         TEXT NOT NULL,
      locale          TEXT NOT NULL CHECK (locale IN ('zh', 'en')),
      created_at      TEXT NOT NULL,
      expires_at      TEXT NOT NULL,
      revoked_at      TEXT
    );
    CREATE INDEX report_links_conversation ON report_links (conversation_id);
    CREATE INDEX report_links_user ON report_links (user_id);
    `,
  ],
};

type Row = LinkRow;
const info = linkInfo;

export async function openPostgresReportLinks(opts: PgOptions & { now?: () => Date }): Promise<ReportLinkStore> {
  const pool = createPool({ max: 4, ...opts });
  try {
    await migrateList(pool, PG_LINK_MIGRATIONS, opts.schema);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot open the PostgreSQL report links at ${redactUrl(opts.url)}: ${(err as Error).message}`, { cause: err });
  }
  return pgReportLinks(pool, opts.now ?? (() => new Date()));
}

function pgReportLinks(pool: pg.Pool, now: () => Date): ReportLinkStore {
  const changed = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rowCount ?? 0;
  const lookup = async (token: string): Promise<LinkLookup> => {
    if (!isToken(token)) return { kind: 'unknown' };
    const h = tokenHash(token);
    const row = (await pool.query('SELECT * FROM report_links WHERE token_hash = $1', [h])).rows[0] as Row | undefined;
    return judgeLink(row, h, now());
  };
  return {
    async create(link, ttlMs) {
      const token = crypto.randomBytes(32).toString('base64url');
      const t = now();
      const expiresAt = new Date(t.getTime() + ttlMs);
      await pool.query('DELETE FROM report_links WHERE expires_at < $1', [t.toISOString()]);
      await pool.query('INSERT INTO report_links (token_hash, conversation_id, user_id, locale, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [tokenHash(token), link.conversationId, link.userId, link.locale, t.toISOString(), expiresAt.toISOString()]);
      return { token, expiresAt };
    },
    lookup,
    async resolve(token) {
      const l = await lookup(token);
      return l.kind === 'ok' ? l.link : undefined;
    },
    async revoke(token) {
      return isToken(token) && (await changed('UPDATE report_links SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL', [now().toISOString(), tokenHash(token)])) > 0;
    },
    async revokeConversation(conversationId) {
      return changed('UPDATE report_links SET revoked_at = $1 WHERE conversation_id = $2 AND revoked_at IS NULL', [now().toISOString(), conversationId]);
    },
    async revokeUser(userId) {
      const t = now().toISOString();
      return changed('UPDATE report_links SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND expires_at > $1', [t, userId]);
    },
    async revokeId(id) {
      if (!LINK_ID.test(id)) return 0;
      return changed("UPDATE report_links SET revoked_at = $1 WHERE substr(encode(token_hash, 'hex'), 1, $2) = lower($3) AND revoked_at IS NULL", [now().toISOString(), id.length, id]);
    },
    async list(filter = {}) {
      const t = now().toISOString();
      const rows = filter.userId === undefined
        ? (await pool.query('SELECT * FROM report_links WHERE expires_at > $1 ORDER BY created_at DESC', [t])).rows
        : (await pool.query('SELECT * FROM report_links WHERE expires_at > $1 AND user_id = $2 ORDER BY created_at DESC', [t, filter.userId])).rows;
      return (rows as Row[]).map(info);
    },
    async forgetUser(userId) {
      return changed('DELETE FROM report_links WHERE user_id = $1', [userId]);
    },
    async close() {
      await pool.end();
    },
  };
}
