import type { IndicatorId } from '../../knowledge/types.js';
import type { Campaign, JoinCode, Organisation, Override, Plan, Respondent, TeamAnswer } from './types.js';

/**
 * The campaign store: organisations, campaign waves, join codes, respondents, immutable answer
 * records and consultant overrides. Async, so a PostgreSQL backend can implement it; every backend
 * passes the contract suite in test/bot/team/store-contract.ts.
 */
export interface NewCampaign {
  org: { name: string; sector?: string };
  plan: Plan;
  roles: string[];
  minGroup: number;
  owners: string[];
  /** Set for a follow-up wave: the org, plan, roles, k and owners are copied from it. */
  previousId?: string;
  code: string;
  codeExpiresAt: string;
  at: string;
}

export type CodeLookup =
  | { kind: 'ok'; code: JoinCode; campaign: Campaign; org: Organisation }
  | { kind: 'unknown' | 'expired' | 'revoked' | 'closed' };

export interface TeamForgetResult { respondents: number; answers: number; overrides: number; joinAttempts: number }

export interface CampaignStore {
  createCampaign(input: NewCampaign): Promise<{ campaign: Campaign; org: Organisation; code: JoinCode }>;
  /** The next wave of a campaign with a new code; the previous wave is closed if still open. */
  createWave(previousId: string, code: string, codeExpiresAt: string, at: string): Promise<{ campaign: Campaign; org: Organisation; code: JoinCode }>;
  campaign(id: string): Promise<{ campaign: Campaign; org: Organisation } | undefined>;
  listCampaigns(owner?: string): Promise<Array<{ campaign: Campaign; org: Organisation }>>;
  closeCampaign(id: string, at: string): Promise<boolean>;
  codesOf(campaignId: string): Promise<JoinCode[]>;
  revokeCode(code: string, at: string): Promise<boolean>;
  lookupCode(code: string, at: string): Promise<CodeLookup>;

  /** Inserts or updates the role/department; joinedAt is kept from the first join. */
  upsertRespondent(r: Respondent): Promise<void>;
  respondents(campaignId: string): Promise<Respondent[]>;

  /** Appends a record (an answer, or a withdrawal of one); records are never updated. Returns its id. */
  appendAnswer(a: TeamAnswer): Promise<number>;
  /** Every record of the campaign (or of one respondent), oldest first. */
  answers(campaignId: string, userId?: string): Promise<TeamAnswer[]>;
  addOverride(o: Override): Promise<void>;
  overrides(campaignId: string): Promise<Override[]>;

  /** Idempotent per message id, so a redelivered wrong code counts once. */
  recordJoinFailure(userId: string, messageId: string, at: string): Promise<void>;
  joinFailuresSince(userId: string, since: string): Promise<number>;

  /** Removes every respondent row, answer, override about and join attempt by the user, in every campaign. */
  forgetUser(userId: string): Promise<TeamForgetResult>;
  close(): Promise<void>;
}

/**
 * The newest record per (respondent, indicator): a revision replaces an earlier answer, and a
 * withdrawal leaves the indicator unanswered. Records are ordered by id (the append order).
 */
export function latestAnswers(records: TeamAnswer[]): Map<string, Map<IndicatorId, TeamAnswer>> {
  const newest = new Map<string, Map<IndicatorId, TeamAnswer>>();
  for (const r of records) {
    const m = newest.get(r.userId) ?? new Map<IndicatorId, TeamAnswer>();
    const prev = m.get(r.indicator);
    if (!prev || prev.recordedAt < r.recordedAt || (prev.recordedAt === r.recordedAt && (prev.id ?? 0) < (r.id ?? 0))) m.set(r.indicator, r);
    newest.set(r.userId, m);
  }
  for (const m of newest.values()) for (const [id, r] of m) if (r.withdrawn) m.delete(id);
  return newest;
}
