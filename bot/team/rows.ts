import {
  AnswerRecordSchema, CampaignSchema, JoinCodeSchema, OrganisationSchema, OverrideSchema, RespondentSchema,
  type Campaign, type JoinCode, type Organisation, type Override, type Respondent, type TeamAnswer,
} from './types.js';
import type { CodeLookup } from './store.js';

/**
 * Rows of the campaign tables into domain records, shared by the SQLite and PostgreSQL backends
 * (their columns are the same; JSON is TEXT in both). Every row is checked by its zod schema.
 */
type Row = Record<string, unknown>;
const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
const json = (v: unknown) => JSON.parse(v as string) as unknown;

export function toOrg(r: Row): Organisation {
  return OrganisationSchema.parse({ id: r.id, name: r.name, sector: opt(r.sector), createdAt: r.created_at });
}
export function toCampaign(r: Row): Campaign {
  return CampaignSchema.parse({
    id: r.id, orgId: r.org_id, wave: r.wave, previousId: opt(r.previous_id), plan: json(r.plan),
    roles: json(r.roles), minGroup: r.min_group, owners: json(r.owners),
    status: r.status, createdAt: r.created_at, closedAt: opt(r.closed_at),
  });
}
export function toCode(r: Row): JoinCode {
  return JoinCodeSchema.parse({ code: r.code, campaignId: r.campaign_id, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: opt(r.revoked_at) });
}
export function toRespondent(r: Row): Respondent {
  return RespondentSchema.parse({ campaignId: r.campaign_id, userId: r.user_id, role: r.role, department: opt(r.department), joinedAt: r.joined_at });
}
export function toAnswer(r: Row): TeamAnswer {
  return AnswerRecordSchema.parse({
    // BIGSERIAL ids come back from pg as strings.
    id: Number(r.id), campaignId: r.campaign_id, userId: r.user_id, indicator: r.indicator, level: r.level, via: r.via,
    proposedLevel: opt(r.proposed_level), confidence: r.confidence, evidence: json(r.evidence),
    scorerVersion: r.scorer_version, rubricHash: r.rubric_hash, recordedAt: r.recorded_at, ...(r.withdrawn ? { withdrawn: true } : {}),
  });
}
export function toOverride(r: Row): Override {
  return OverrideSchema.parse({ campaignId: r.campaign_id, userId: r.user_id, indicator: r.indicator, level: r.level, by: r.by_user, reason: r.reason, at: r.at });
}

/** What a join code's row means at `at`, shared by both backends' lookupCode; `campaignOf` reads its campaign. */
export async function judgeCode(
  r: Row | undefined, at: string, campaignOf: (id: string) => Promise<{ campaign: Campaign; org: Organisation } | undefined>,
): Promise<CodeLookup> {
  if (!r) return { kind: 'unknown' };
  const jc = toCode(r);
  if (jc.revokedAt) return { kind: 'revoked' };
  if (jc.expiresAt <= at) return { kind: 'expired' };
  const found = (await campaignOf(jc.campaignId))!;
  if (found.campaign.status !== 'open') return { kind: 'closed' };
  return { kind: 'ok', code: jc, ...found };
}
