import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openDatabase } from '../store/db.js';
import { judgeCode, toAnswer, toCampaign, toCode, toOrg, toOverride, toRespondent } from './rows.js';
import {
  AnswerRecordSchema, CampaignSchema, JoinCodeSchema, OverrideSchema, PlanSchema, RespondentSchema,
  type Organisation, type Respondent, type TeamAnswer,
} from './types.js';
import type { CampaignStore, CodeLookup, NewCampaign, TeamForgetResult } from './store.js';

/**
 * The SQLite campaign store, in the same database file as the conversations (so one data dir holds
 * everything and forgetting a user is one place). Its schema has its own append-only migration list,
 * versioned in team_schema, so it never collides with the conversation store's user_version.
 */
export const TEAM_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE organisations (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, sector TEXT, created_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    wave INTEGER NOT NULL,
    previous_id TEXT REFERENCES campaigns (id),
    plan TEXT NOT NULL CHECK (json_valid(plan)),
    roles TEXT NOT NULL CHECK (json_valid(roles)),
    min_group INTEGER NOT NULL,
    owners TEXT NOT NULL CHECK (json_valid(owners)),
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_at TEXT NOT NULL,
    closed_at TEXT
  ) STRICT;
  CREATE TABLE join_codes (
    code TEXT PRIMARY KEY, campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT
  ) STRICT;
  CREATE TABLE respondents (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id), user_id TEXT NOT NULL,
    role TEXT NOT NULL, department TEXT, joined_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, user_id)
  ) STRICT;
  CREATE INDEX respondents_user ON respondents (user_id);
  -- Append-only: a revision is a newer row; the newest per (campaign, user, indicator) counts.
  CREATE TABLE team_answers (
    id INTEGER PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id), user_id TEXT NOT NULL, indicator TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), via TEXT NOT NULL, proposed_level INTEGER,
    confidence REAL NOT NULL, evidence TEXT NOT NULL CHECK (json_valid(evidence)),
    scorer_version TEXT NOT NULL, rubric_hash TEXT NOT NULL, recorded_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX team_answers_campaign ON team_answers (campaign_id, user_id, indicator);
  CREATE INDEX team_answers_user ON team_answers (user_id);
  CREATE TABLE team_overrides (
    id INTEGER PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id), user_id TEXT NOT NULL, indicator TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), by_user TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX team_overrides_user ON team_overrides (user_id);
  CREATE TABLE join_attempts (
    user_id TEXT NOT NULL, message_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (user_id, message_id)
  ) STRICT;
  `,
  // 2: a withdrawal is an appended record too (skip after answering, start over).
  `ALTER TABLE team_answers ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));`,
];

export function openCampaignStore(dataDir: string): CampaignStore {
  const { db } = openDatabase(dataDir);
  migrate(db);
  return new SqliteCampaignStore(db);
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS team_schema (version INTEGER NOT NULL) STRICT');
  db.transaction(() => {
    const row = db.prepare('SELECT version FROM team_schema').pluck().get() as number | undefined;
    const from = row ?? 0;
    if (from > TEAM_MIGRATIONS.length) throw new Error(`team schema version ${from} is newer than this Wuyin understands`);
    for (let v = from; v < TEAM_MIGRATIONS.length; v++) db.exec(TEAM_MIGRATIONS[v]!);
    if (row === undefined) db.prepare('INSERT INTO team_schema (version) VALUES (?)').run(TEAM_MIGRATIONS.length);
    else db.prepare('UPDATE team_schema SET version = ?').run(TEAM_MIGRATIONS.length);
  }).immediate();
}

type Row = Record<string, unknown>;
const id = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

class SqliteCampaignStore implements CampaignStore {
  constructor(private readonly db: Database.Database) {}

  async createCampaign(input: NewCampaign) {
    PlanSchema.parse(input.plan);
    return this.db.transaction(() => {
      let org = this.db.prepare('SELECT * FROM organisations WHERE name = ?').get(input.org.name) as Row | undefined;
      if (!org) {
        const o = { id: id('o_'), name: input.org.name, sector: input.org.sector ?? null, created_at: input.at };
        this.db.prepare('INSERT INTO organisations (id, name, sector, created_at) VALUES (@id, @name, @sector, @created_at)').run(o);
        org = o;
      } else if (input.org.sector && !org.sector) {
        this.db.prepare('UPDATE organisations SET sector = ? WHERE id = ?').run(input.org.sector, org.id);
        org = { ...org, sector: input.org.sector };
      }
      return this.insertCampaign(toOrg(org), 1, undefined, input);
    }).immediate();
  }

  async createWave(previousId: string, code: string, codeExpiresAt: string, at: string) {
    return this.db.transaction(() => {
      const prevRow = this.db.prepare('SELECT * FROM campaigns WHERE id = ?').get(previousId) as Row | undefined;
      if (!prevRow) throw new Error(`no campaign ${previousId}`);
      const prev = toCampaign(prevRow);
      const org = toOrg(this.db.prepare('SELECT * FROM organisations WHERE id = ?').get(prev.orgId) as Row);
      if (prev.status === 'open') this.db.prepare("UPDATE campaigns SET status = 'closed', closed_at = ? WHERE id = ?").run(at, prev.id);
      return this.insertCampaign(org, prev.wave + 1, prev.id, {
        org, plan: prev.plan, roles: prev.roles, minGroup: prev.minGroup, owners: prev.owners, code, codeExpiresAt, at,
      });
    }).immediate();
  }

  private insertCampaign(org: Organisation, wave: number, previousId: string | undefined, input: NewCampaign) {
    const campaign = CampaignSchema.parse({
      id: id('c_'), orgId: org.id, wave, previousId, plan: input.plan, roles: input.roles, minGroup: input.minGroup,
      owners: input.owners, status: 'open', createdAt: input.at,
    });
    this.db.prepare(`INSERT INTO campaigns (id, org_id, wave, previous_id, plan, roles, min_group, owners, status, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`).run(campaign.id, org.id, wave, previousId ?? null,
      JSON.stringify(campaign.plan), JSON.stringify(campaign.roles), campaign.minGroup, JSON.stringify(campaign.owners), input.at);
    const code = JoinCodeSchema.parse({ code: input.code, campaignId: campaign.id, createdAt: input.at, expiresAt: input.codeExpiresAt });
    this.db.prepare('INSERT INTO join_codes (code, campaign_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(code.code, campaign.id, code.createdAt, code.expiresAt);
    return { campaign, org, code };
  }

  async campaign(cid: string) {
    const r = this.db.prepare('SELECT * FROM campaigns WHERE id = ?').get(cid) as Row | undefined;
    if (!r) return undefined;
    const campaign = toCampaign(r);
    return { campaign, org: toOrg(this.db.prepare('SELECT * FROM organisations WHERE id = ?').get(campaign.orgId) as Row) };
  }

  async listCampaigns(owner?: string) {
    const rows = this.db.prepare('SELECT * FROM campaigns ORDER BY created_at, rowid').all() as Row[];
    const out = [];
    for (const r of rows) {
      const c = toCampaign(r);
      if (owner !== undefined && !c.owners.includes(owner)) continue;
      out.push({ campaign: c, org: toOrg(this.db.prepare('SELECT * FROM organisations WHERE id = ?').get(c.orgId) as Row) });
    }
    return out;
  }

  async closeCampaign(cid: string, at: string) {
    return this.db.prepare("UPDATE campaigns SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'").run(at, cid).changes > 0;
  }

  async codesOf(cid: string) {
    return (this.db.prepare('SELECT * FROM join_codes WHERE campaign_id = ? ORDER BY created_at').all(cid) as Row[]).map(toCode);
  }

  async revokeCode(code: string, at: string) {
    return this.db.prepare('UPDATE join_codes SET revoked_at = ? WHERE code = ? AND revoked_at IS NULL').run(at, code).changes > 0;
  }

  async lookupCode(code: string, at: string): Promise<CodeLookup> {
    const r = this.db.prepare('SELECT * FROM join_codes WHERE code = ?').get(code) as Row | undefined;
    return judgeCode(r, at, (id) => this.campaign(id));
  }

  async upsertRespondent(r: Respondent) {
    const v = RespondentSchema.parse(r);
    this.db.prepare(`INSERT INTO respondents (campaign_id, user_id, role, department, joined_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (campaign_id, user_id) DO UPDATE SET role = excluded.role, department = excluded.department`)
      .run(v.campaignId, v.userId, v.role, v.department ?? null, v.joinedAt);
  }

  async respondents(cid: string) {
    return (this.db.prepare('SELECT * FROM respondents WHERE campaign_id = ? ORDER BY joined_at, user_id').all(cid) as Row[])
      .map(toRespondent);
  }

  async appendAnswer(a: TeamAnswer) {
    const v = AnswerRecordSchema.parse(a);
    return Number(this.db.prepare(`INSERT INTO team_answers (campaign_id, user_id, indicator, level, via, proposed_level, confidence,
      evidence, scorer_version, rubric_hash, recorded_at, withdrawn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      v.campaignId, v.userId, v.indicator, v.level, v.via, v.proposedLevel ?? null, v.confidence, JSON.stringify(v.evidence),
      v.scorerVersion, v.rubricHash, v.recordedAt, v.withdrawn ? 1 : 0).lastInsertRowid);
  }

  async answers(cid: string, userId?: string) {
    const rows = (userId === undefined
      ? this.db.prepare('SELECT * FROM team_answers WHERE campaign_id = ? ORDER BY id').all(cid)
      : this.db.prepare('SELECT * FROM team_answers WHERE campaign_id = ? AND user_id = ? ORDER BY id').all(cid, userId)) as Row[];
    return rows.map(toAnswer);
  }

  async addOverride(o: Parameters<CampaignStore['addOverride']>[0]) {
    const v = OverrideSchema.parse(o);
    this.db.prepare('INSERT INTO team_overrides (campaign_id, user_id, indicator, level, by_user, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(v.campaignId, v.userId, v.indicator, v.level, v.by, v.reason, v.at);
  }

  async overrides(cid: string) {
    return (this.db.prepare('SELECT * FROM team_overrides WHERE campaign_id = ? ORDER BY id').all(cid) as Row[])
      .map(toOverride);
  }

  async recordJoinFailure(userId: string, messageId: string, at: string) {
    this.db.prepare('INSERT OR IGNORE INTO join_attempts (user_id, message_id, at) VALUES (?, ?, ?)').run(userId, messageId, at);
  }

  async joinFailuresSince(userId: string, since: string) {
    return this.db.prepare('SELECT COUNT(*) FROM join_attempts WHERE user_id = ? AND at >= ?').pluck().get(userId, since) as number;
  }

  async forgetUser(userId: string): Promise<TeamForgetResult> {
    const result = this.db.transaction(() => ({
      respondents: this.db.prepare('DELETE FROM respondents WHERE user_id = ?').run(userId).changes,
      answers: this.db.prepare('DELETE FROM team_answers WHERE user_id = ?').run(userId).changes,
      overrides: this.db.prepare('DELETE FROM team_overrides WHERE user_id = ?').run(userId).changes,
      joinAttempts: this.db.prepare('DELETE FROM join_attempts WHERE user_id = ?').run(userId).changes,
    })).immediate();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return result;
  }

  async close() {
    if (this.db.open) this.db.close();
  }
}
