import type pg from 'pg';
import { claimLeaseName } from '../coordination.js';
import type { ClaimKind, LeaseClaim } from '../types.js';

/**
 * A conversation's drain (adapters/delivery.ts) in two statements instead of four: the lease is taken
 * together with the pending rows, and given up together with the look for rows written meanwhile.
 *
 * One statement sees one snapshot, taken before its lease insert waits on a lease row another replica is
 * giving up. Inbox rows read from it may have been processed since: their turn finds the message
 * processed and does nothing. Replies may have been delivered since, and sending one again is a double:
 * so replies are read `FOR UPDATE`, which re-reads each row's newest version and drops one no longer
 * pending. Locks are taken lease row first, then rows (forget deletes in the same order). The look
 * after the release has the same snapshot: a row committed in the instant between it and the delete,
 * by a replica that found our lease, is left for the next sweep (`sweepMs`) rather than lost.
 */
const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';
const TAKE = `INSERT INTO leases AS l (name, holder, expires_at) VALUES ($1, $2, ${NOW_MS} + $3)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE l.holder = excluded.holder OR l.expires_at <= ${NOW_MS} RETURNING 1`;
const ROWS: Record<ClaimKind, string> = {
  inbox: 'SELECT i.* FROM inbox i WHERE i.conversation_id = $4 AND EXISTS (SELECT 1 FROM l) ORDER BY i.id',
  outbox: `SELECT r.* FROM replies r WHERE r.status = 'pending' AND r.conversation_id = $4 AND EXISTS (SELECT 1 FROM l)
           ORDER BY r.id FOR UPDATE`,
};
const CLAIM = (kind: ClaimKind) => ({
  name: `wuyin_claim_${kind}`,
  // The outer join keeps one row when the lease is ours but nothing is pending.
  text: `WITH l AS (${TAKE}), p AS (${ROWS[kind]})
         SELECT EXISTS (SELECT 1 FROM l) AS wuyin_held, p.* FROM (SELECT 1) AS one LEFT JOIN p ON true ORDER BY p.id`,
});
const LEFT: Record<ClaimKind, string> = {
  inbox: 'SELECT 1 FROM inbox WHERE conversation_id = $3 AND NOT (id = ANY($4::bigint[]))',
  outbox: `SELECT 1 FROM replies WHERE status = 'pending' AND conversation_id = $3`,
};
const RELEASE = (kind: ClaimKind) => ({
  name: `wuyin_release_${kind}`,
  text: `WITH d AS (DELETE FROM leases WHERE name = $1 AND holder = $2) SELECT EXISTS (${LEFT[kind]}) AS more`,
});

/** The lease's rows when it is ours (their columns as stored), null while another holder's lease is live. */
export async function claimRows(q: pg.Pool, kind: ClaimKind, conversationId: string, lease: LeaseClaim): Promise<pg.QueryResultRow[] | null> {
  const r = await q.query({ ...CLAIM(kind), values: [claimLeaseName(kind, conversationId), lease.holder, Math.round(lease.ttlMs), conversationId] });
  if (!r.rows[0]?.wuyin_held) return null;
  return r.rows.filter((row) => row.id !== null);
}

export async function releaseRows(q: pg.Pool, kind: ClaimKind, conversationId: string, holder: string, skip: number[]): Promise<boolean> {
  const values = [claimLeaseName(kind, conversationId), holder, conversationId, ...(kind === 'inbox' ? [skip] : [])];
  const r = await q.query({ ...RELEASE(kind), values });
  return Boolean(r.rows[0]?.more);
}
