import type pg from 'pg';
import { claimLeaseName, noticeBucket, type WindowPlan } from '../coordination.js';
import type { ClaimKind, LeaseClaim, RateDecision, RateRule } from '../types.js';

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
// The outbox's first reply is marked attempted ($5, at $6) in the same step, unless it was before (or $5 is null).
const ATTEMPT: Record<ClaimKind, { cte: string; column: string }> = {
  inbox: { cte: '', column: '' },
  outbox: {
    cte: `, a AS (UPDATE replies SET attempt_id = $5, updated_at = $6
                  WHERE id = (SELECT min(id) FROM p) AND attempt_id IS NULL AND $5::text IS NOT NULL RETURNING id, attempt_id)`,
    column: ', (SELECT a.attempt_id FROM a WHERE a.id = p.id) AS wuyin_attempt',
  },
};
const CLAIM = (kind: ClaimKind) => ({
  name: `wuyin_claim_${kind}`,
  // The outer join keeps one row when the lease is ours but nothing is pending.
  text: `WITH l AS (${TAKE}), p AS (${ROWS[kind]})${ATTEMPT[kind].cte}
         SELECT EXISTS (SELECT 1 FROM l) AS wuyin_held, p.*${ATTEMPT[kind].column} FROM (SELECT 1) AS one LEFT JOIN p ON true ORDER BY p.id`,
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
export async function claimRows(
  q: pg.Pool, kind: ClaimKind, conversationId: string, lease: LeaseClaim, attempt?: { attemptId?: string; at: string },
): Promise<pg.QueryResultRow[] | null> {
  const values: unknown[] = [claimLeaseName(kind, conversationId), lease.holder, Math.round(lease.ttlMs), conversationId];
  if (kind === 'outbox') values.push(attempt?.attemptId ?? null, attempt?.at ?? null);
  const r = await q.query({ ...CLAIM(kind), values });
  if (!r.rows[0]?.wuyin_held) return null;
  return r.rows.filter((row) => row.id !== null).map((row) => (row.wuyin_attempt ? { ...row, attempt_id: row.wuyin_attempt, updated_at: attempt!.at } : row));
}

/** A reply delivered and, in the same statement, the next one marked attempted; its kept attempt id. */
const DELIVERED_THEN_ATTEMPT = {
  name: 'wuyin_delivered_next',
  text: `WITH d AS (UPDATE replies SET status = 'delivered', attempts = attempts + 1, error = NULL, updated_at = $1 WHERE id = $2),
  n AS (UPDATE replies SET attempt_id = COALESCE(attempt_id, $4), updated_at = $1 WHERE id = $3 AND status = 'pending' RETURNING attempt_id)
  SELECT (SELECT attempt_id FROM n) AS next`,
};

export async function deliveredThenAttempt(q: pg.Pool, id: number, next: { id: number; attemptId: string }, at: string): Promise<string | undefined> {
  const r = await q.query({ ...DELIVERED_THEN_ATTEMPT, values: [at, id, next.id, next.attemptId] });
  return (r.rows[0]?.next as string | null) ?? undefined;
}

export async function releaseRows(q: pg.Pool, kind: ClaimKind, conversationId: string, holder: string, skip: number[]): Promise<boolean> {
  const values = [claimLeaseName(kind, conversationId), holder, conversationId, ...(kind === 'inbox' ? [skip] : [])];
  const r = await q.query({ ...RELEASE(kind), values });
  return Boolean(r.rows[0]?.more);
}

/**
 * The rate check of an inbox row, in one statement: a decision already kept on the row is returned
 * as it is (the row is locked, so a replica that took the drain over waits for the first one's
 * decision); otherwise the check-and-increment and the notice as in `consumeRate`, and the decision
 * kept on the row. A row that is gone was processed: allowed, not counted.
 */
const CONSUME_FOR_INBOX = {
  name: 'wuyin_rate_consume_inbox',
  text: `WITH ib AS (SELECT rate_decision FROM inbox WHERE id = $6 FOR UPDATE),
  fresh AS (SELECT 1 FROM ib WHERE rate_decision IS NULL),
  prev AS (SELECT floor(COALESCE((SELECT count FROM rate_windows WHERE bucket = $1 AND window_start = $2), 0) * $3::float8) AS carried),
  hit AS (INSERT INTO rate_windows AS w (bucket, window_start, count) SELECT $1, $4, 1 FROM prev, fresh WHERE prev.carried < $5
          ON CONFLICT (bucket, window_start) DO UPDATE SET count = w.count + 1 WHERE w.count + (SELECT carried FROM prev) < $5 RETURNING 1),
  notice AS (INSERT INTO rate_windows (bucket, window_start, count) SELECT $7, $4, 1 FROM fresh WHERE NOT EXISTS (SELECT 1 FROM hit)
          ON CONFLICT (bucket, window_start) DO NOTHING RETURNING 1),
  d AS (SELECT CASE WHEN EXISTS (SELECT 1 FROM hit) THEN 'allow' WHEN EXISTS (SELECT 1 FROM notice) THEN 'limit-notify' ELSE 'limit-silent' END AS v),
  kept AS (UPDATE inbox SET rate_decision = d.v FROM d, fresh WHERE id = $6 RETURNING 1)
  SELECT COALESCE((SELECT rate_decision FROM ib), (SELECT v FROM d)) AS decision, EXISTS (SELECT 1 FROM ib) AS present`,
};

export async function consumeForInbox(q: pg.Pool, bucket: string, rule: RateRule, plan: WindowPlan, inboxId: number): Promise<RateDecision> {
  const values = [bucket, plan.previous, plan.weight, plan.start, rule.perWindow, inboxId, noticeBucket(bucket)];
  const r = (await q.query({ ...CONSUME_FOR_INBOX, values })).rows[0] as { decision: RateDecision; present: boolean };
  return r.present ? r.decision : 'allow';
}
