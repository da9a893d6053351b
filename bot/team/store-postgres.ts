import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { createPool, redactUrl, type PgOptions } from '../store/postgres/db.js';
import { migrateList, type MigrationList } from '../store/postgres/migrate-list.js';
import { judgeCode, toAnswer, toCampaign, toCode, toOrg, toOverride, toRespondent } from './rows.js';
import type { CampaignStore, CodeLookup, NewCampaign, TeamForgetResult } from './store.js';
import {
  AnswerRecordSchema, CampaignSchema, JoinCodeSchema, OverrideSchema, PlanSchema, RespondentSchema,
  type Organisation, type Override, type Respondent, type TeamAnswer,
} from './types.js';

/**
 * The PostgreSQL campaign store: the same tables and contract as the SQLite one
 * (test/bot/team/store-contract.ts runs against both), in the database every replica shares.
 * Its own append-only migration list, versioned in `team_migrations`, so it never competes with
 * the session store's numbering. Multi-row changes run in one transaction.
 */
export const PG_TEAM_MIGRATIONS: MigrationList = {
  table: 'team_migrations',
  lock: 7_220_018,
  migrations: [
    `
    CREATE TABLE organisations (
      id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, sector TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE campaigns (
      id TEXT PRIMARY KEY,
      seq BIGSERIAL NOT NULL,
      org_id TEXT NOT NULL REFERENCES organisations (id),
      wave INTEGER NOT NULL,
      previous_id TEXT REFERENCES campaigns (id),
      plan TEXT NOT NULL, roles TEXT NOT NULL, min_group INTEGER NOT NULL, owners TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      created_at TEXT NOT NULL, closed_at TEXT
    );
    CREATE TABLE join_codes (
      code TEXT PRIMARY KEY, campaign_id TEXT NOT NULL REFERENCES campaigns (id),
      created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT
    );
    CREATE TABLE respondents (
      campaign_id TEXT NOT NULL REFERENCES campaigns (id), user_id TEXT NOT NULL,
      role TEXT NOT NULL, department TEXT, joined_at TEXT NOT NULL,
      PRIMARY KEY (campaign_id, user_id)
    );
    CREATE INDEX respondents_user ON respondents (user_id);
    -- Append-only: a revision or a withdrawal is a newer row; the newest per (campaign, user, indicator) counts.
    CREATE TABLE team_answers (
      id BIGSERIAL PRIMARY KEY,
      campaign_id TEXT NOT NULL REFERENCES campaigns (id), user_id TEXT NOT NULL, indicator TEXT NOT NULL,
      level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), via TEXT NOT NULL, proposed_level INTEGER,
      confidence DOUBLE PRECISION NOT NULL, evidence TEXT NOT NULL,
      scorer_version TEXT NOT NULL, rubric_hash TEXT NOT NULL, recorded_at TEXT NOT NULL,
      withdrawn BOOLEAN NOT NULL DEFAULT FALSE
    );
    CREATE INDEX team_answers_campaign ON team_answers (campaign_id, user_id, indicator);
    CREATE INDEX team_answers_user ON team_answers (user_id);
    CREATE TABLE team_overrides (
      id BIGSERIAL PRIMARY KEY,
      campaign_id TEXT NOT NULL REFERENCES campaigns (id), user_id TEXT NOT NULL, indicator TEXT NOT NULL,
      level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), by_user TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL
    );
    CREATE INDEX team_overrides_user ON team_overrides (user_id);
    CREATE TABLE join_attempts (
      user_id TEXT NOT NULL, message_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (user_id, message_id)
    );
    `,
  ],
};

export async function openPostgresCampaignStore(opts: PgOptions): Promise<CampaignStore> {
  const pool = createPool({ max: 4, ...opts });
  try {
    await migrateList(pool, PG_TEAM_MIGRATIONS, opts.schema);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot open the PostgreSQL campaign store at ${redactUrl(opts.url)}: ${(err as Error).message}`, { cause: err });
  }
  return new PgCampaignStore(pool);
}

type Q = pg.Pool | pg.PoolClient;
const id = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

class PgCampaignStore implements CampaignStore {
  constructor(private readonly pool: pg.Pool) {}

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  private async one(q: Q, sql: string, params: unknown[]) {
    return (await q.query(sql, params)).rows[0] as Record<string, unknown> | undefined;
  }

  async createCampaign(input: NewCampaign) {
    PlanSchema.parse(input.plan);
    return this.tx(async (c) => {
      // Two replicas creating the same organisation at once: one insert wins, both read it.
      await c.query('INSERT INTO organisations (id, name, sector, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING',
        [id('o_'), input.org.name, input.org.sector ?? null, input.at]);
      if (input.org.sector) await c.query('UPDATE organisations SET sector = $1 WHERE name = $2 AND sector IS NULL', [input.org.sector, input.org.name]);
      const org = toOrg((await this.one(c, 'SELECT * FROM organisations WHERE name = $1', [input.org.name]))!);
      return this.insertCampaign(c, org, 1, undefined, input);
    });
  }

  async createWave(previousId: string, code: string, codeExpiresAt: string, at: string) {
    return this.tx(async (c) => {
      const prevRow = await this.one(c, 'SELECT * FROM campaigns WHERE id = $1 FOR UPDATE', [previousId]);
      if (!prevRow) throw new Error(`no campaign ${previousId}`);
      const prev = toCampaign(prevRow);
      const org = toOrg((await this.one(c, 'SELECT * FROM organisations WHERE id = $1', [prev.orgId]))!);
      if (prev.status === 'open') await c.query("UPDATE campaigns SET status = 'closed', closed_at = $1 WHERE id = $2", [at, prev.id]);
      return this.insertCampaign(c, org, prev.wave + 1, prev.id, {
        org, plan: prev.plan, roles: prev.roles, minGroup: prev.minGroup, owners: prev.owners, code, codeExpiresAt, at,
      });
    });
  }

  private async insertCampaign(c: pg.PoolClient, org: Organisation, wave: number, previousId: string | undefined, input: NewCampaign) {
    const campaign = CampaignSchema.parse({
      id: id('c_'), orgId: org.id, wave, previousId, plan: input.plan, roles: input.roles, minGroup: input.minGroup,
      owners: input.owners, status: 'open', createdAt: input.at,
    });
    await c.query(`INSERT INTO campaigns (id, org_id, wave, previous_id, plan, roles, min_group, owners, status, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9)`, [campaign.id, org.id, wave, previousId ?? null,
      JSON.stringify(campaign.plan), JSON.stringify(campaign.roles), campaign.minGroup, JSON.stringify(campaign.owners), input.at]);
    const code = JoinCodeSchema.parse({ code: input.code, campaignId: campaign.id, createdAt: input.at, expiresAt: input.codeExpiresAt });
    await c.query('INSERT INTO join_codes (code, campaign_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [code.code, campaign.id, code.createdAt, code.expiresAt]);
    return { campaign, org, code };
  }

  async campaign(cid: string) {
    const r = await this.one(this.pool, 'SELECT c.*, o.name AS o_name, o.sector AS o_sector, o.created_at AS o_created_at FROM campaigns c JOIN organisations o ON o.id = c.org_id WHERE c.id = $1', [cid]);
    return r ? { campaign: toCampaign(r), org: toOrg({ id: r.org_id, name: r.o_name, sector: r.o_sector, created_at: r.o_created_at }) } : undefined;
  }

  async listCampaigns(owner?: string) {
    const rows = (await this.pool.query('SELECT c.*, o.name AS o_name, o.sector AS o_sector, o.created_at AS o_created_at FROM campaigns c JOIN organisations o ON o.id = c.org_id ORDER BY c.created_at, c.seq')).rows as Array<Record<string, unknown>>;
    return rows.map((r) => ({ campaign: toCampaign(r), org: toOrg({ id: r.org_id, name: r.o_name, sector: r.o_sector, created_at: r.o_created_at }) }))
      .filter((x) => owner === undefined || x.campaign.owners.includes(owner));
  }

  async closeCampaign(cid: string, at: string) {
    return ((await this.pool.query("UPDATE campaigns SET status = 'closed', closed_at = $1 WHERE id = $2 AND status = 'open'", [at, cid])).rowCount ?? 0) > 0;
  }

  async codesOf(cid: string) {
    return ((await this.pool.query('SELECT * FROM join_codes WHERE campaign_id = $1 ORDER BY created_at, code', [cid])).rows as Array<Record<string, unknown>>).map(toCode);
  }

  async revokeCode(code: string, at: string) {
    return ((await this.pool.query('UPDATE join_codes SET revoked_at = $1 WHERE code = $2 AND revoked_at IS NULL', [at, code])).rowCount ?? 0) > 0;
  }

  async lookupCode(code: string, at: string): Promise<CodeLookup> {
    const r = await this.one(this.pool, 'SELECT * FROM join_codes WHERE code = $1', [code]);
    return judgeCode(r, at, (id) => this.campaign(id));
  }

  async upsertRespondent(r: Respondent) {
    const v = RespondentSchema.parse(r);
    await this.pool.query(`INSERT INTO respondents (campaign_id, user_id, role, department, joined_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (campaign_id, user_id) DO UPDATE SET role = excluded.role, department = excluded.department`,
    [v.campaignId, v.userId, v.role, v.department ?? null, v.joinedAt]);
  }

  async respondents(cid: string) {
    return ((await this.pool.query('SELECT * FROM respondents WHERE campaign_id = $1 ORDER BY joined_at, user_id', [cid])).rows as Array<Record<string, unknown>>).map(toRespondent);
  }

  async appendAnswer(a: TeamAnswer) {
    const v = AnswerRecordSchema.parse(a);
    const r = await this.one(this.pool, `INSERT INTO team_answers (campaign_id, user_id, indicator, level, via, proposed_level, confidence,
      evidence, scorer_version, rubric_hash, recorded_at, withdrawn) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`, [
      v.campaignId, v.userId, v.indicator, v.level, v.via, v.proposedLevel ?? null, v.confidence, JSON.stringify(v.evidence),
      v.scorerVersion, v.rubricHash, v.recordedAt, v.withdrawn ?? false]);
    return Number(r!.id);
  }

  async answers(cid: string, userId?: string) {
    const rows = userId === undefined
      ? (await this.pool.query('SELECT * FROM team_answers WHERE campaign_id = $1 ORDER BY id', [cid])).rows
      : (await this.pool.query('SELECT * FROM team_answers WHERE campaign_id = $1 AND user_id = $2 ORDER BY id', [cid, userId])).rows;
    return (rows as Array<Record<string, unknown>>).map(toAnswer);
  }

  async addOverride(o: Override) {
    const v = OverrideSchema.parse(o);
    await this.pool.query('INSERT INTO team_overrides (campaign_id, user_id, indicator, level, by_user, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [v.campaignId, v.userId, v.indicator, v.level, v.by, v.reason, v.at]);
  }

  async overrides(cid: string) {
    return ((await this.pool.query('SELECT * FROM team_overrides WHERE campaign_id = $1 ORDER BY id', [cid])).rows as Array<Record<string, unknown>>).map(toOverride);
  }

  async recordJoinFailure(userId: string, messageId: string, at: string) {
    await this.pool.query('INSERT INTO join_attempts (user_id, message_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [userId, messageId, at]);
  }

  async joinFailuresSince(userId: string, since: string) {
    return Number((await this.one(this.pool, 'SELECT COUNT(*) AS n FROM join_attempts WHERE user_id = $1 AND at >= $2', [userId, since]))!.n);
  }

  async forgetUser(userId: string): Promise<TeamForgetResult> {
    return this.tx(async (c) => {
      const del = async (table: string) => (await c.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId])).rowCount ?? 0;
      return { respondents: await del('respondents'), answers: await del('team_answers'), overrides: await del('team_overrides'), joinAttempts: await del('join_attempts') };
    });
  }

  async close() {
    await this.pool.end();
  }
}
