import type pg from 'pg';
import type { CommitInput, CommitResult } from '../commit.js';

/**
 * A turn's commit as ONE statement (data-modifying CTEs), for the common turn: no forget, no
 * archive. A single statement is its own transaction, so this replaces BEGIN, ten-odd statements and
 * COMMIT — each a round trip that wakes the server and the bot — with one (measured with
 * `npm run bench -- --postgres`: see README "Several replicas"). Every write is gated on `cv`, the
 * conversation's write: a version conflict (no row from `cv`) writes nothing. A message processed
 * meanwhile by another replica fails the whole statement on `processed_messages`' primary key
 * (23505), as the transaction did. The statements are named, so each connection parses and plans
 * them once.
 */
type Mode = 'keep' | 'insert' | 'update';

const CV: Record<Mode, string> = {
  // keepState: the conversation row is left alone; the version is the one the turn read.
  // Each mode names every parameter (an unnamed one has no type and fails to parse): $6 is null here.
  keep: 'SELECT COALESCE($7::int, 0) AS version WHERE $6::text IS NULL',
  // … and $7 is null here.
  insert: `INSERT INTO conversations (conversation_id, platform, user_id, state, version, created_at, updated_at)
           SELECT $1, $2, $3, $6, 1, $5, $5 WHERE $7::int IS NULL ON CONFLICT (conversation_id) DO NOTHING RETURNING version`,
  update: `UPDATE conversations SET state = $6, version = version + 1, updated_at = $5
           WHERE conversation_id = $1 AND version = $7::int RETURNING version`,
};

const ANSWERS = `,
  gone AS (DELETE FROM answers WHERE conversation_id = $1 AND NOT (indicator = ANY($12::text[])) AND EXISTS (SELECT 1 FROM cv)),
  upsert AS (
    INSERT INTO answers (conversation_id, user_id, indicator, level, confidence, evidence, updated_at)
    SELECT $1, $3, a.i, a.l, a.c, a.e, $5 FROM cv, unnest($12::text[], $13::int[], $14::float8[], $15::text[]) AS a(i, l, c, e)
    ON CONFLICT (conversation_id, indicator) DO UPDATE SET user_id = excluded.user_id, level = excluded.level,
      confidence = excluded.confidence, evidence = excluded.evidence, updated_at = excluded.updated_at
    WHERE (answers.level, answers.confidence, answers.evidence) IS DISTINCT FROM (excluded.level, excluded.confidence, excluded.evidence))`;

function sql(mode: Mode, answers: boolean): string {
  return `WITH cv AS (${CV[mode]}),
  seq AS (SELECT COALESCE(MAX(seq), 0) AS m FROM turns WHERE conversation_id = $1),
  t AS (INSERT INTO turns (conversation_id, seq, message_id, user_id, text, created_at)
        SELECT $1, CASE WHEN seq.m = 0 THEN 1 ELSE seq.m + 2 END, $4, $3, $8, $5 FROM cv, seq),
  r AS (INSERT INTO replies (platform, conversation_id, message_id, user_id, position, body, target, status, created_at, updated_at)
        SELECT $2, $1, $4, $3, b.ord - 1, b.body, $10, $11, $5, $5 FROM cv, unnest($9::text[]) WITH ORDINALITY AS b(body, ord) ORDER BY b.ord),
  p AS (INSERT INTO processed_messages (platform, message_id, conversation_id, user_id, created_at) SELECT $2, $4, $1, $3, $5 FROM cv),
  d AS (DELETE FROM inbox WHERE platform = $2 AND message_id = $4 AND EXISTS (SELECT 1 FROM cv))${answers ? ANSWERS : ''}
  SELECT version FROM cv`;
}

const STATEMENTS = new Map<string, { name: string; text: string }>();
for (const mode of ['keep', 'insert', 'update'] as const) {
  for (const answers of [false, true]) STATEMENTS.set(`${mode}/${answers}`, { name: `wuyin_commit_${mode}_${answers ? 'a' : 'n'}`, text: sql(mode, answers) });
}

/** Whether `commitInOneStatement` can commit this turn (forget and archive keep the transaction). */
export function oneStatementFits(c: CommitInput): boolean {
  return !c.forget && c.archiveJson === undefined;
}

export async function commitInOneStatement(q: pg.ClientBase, c: CommitInput): Promise<CommitResult> {
  const { key, at } = c;
  const mode: Mode = c.stateJson === undefined ? 'keep' : c.expectedVersion === null ? 'insert' : 'update';
  const withAnswers = mode !== 'keep' && c.answers !== undefined;
  const s = STATEMENTS.get(`${mode}/${withAnswers}`)!;
  const values: unknown[] = [
    key.conversationId, key.platform, key.userId, key.messageId, at, c.stateJson ?? null, c.expectedVersion,
    c.userText, c.replies, c.target, c.target === null ? 'delivered' : 'pending',
  ];
  if (withAnswers) {
    const a = c.answers!;
    values.push(a.map((x) => x.indicator), a.map((x) => x.level), a.map((x) => x.confidence), a.map((x) => JSON.stringify(x.evidence)));
  }
  try {
    const r = await q.query({ name: s.name, text: s.text, values });
    if (r.rowCount === 0) return { kind: 'conflict' };
    return { kind: 'committed', version: Number(r.rows[0].version) };
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return { kind: 'duplicate' }; // processed by another replica
    throw err;
  }
}
