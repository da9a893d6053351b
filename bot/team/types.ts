import { z } from 'zod';
import type { ElementId, IndicatorId, Level, PillarId } from '../../knowledge/types.js';

/**
 * The team-assessment domain in one module: organisations, campaigns (one wave each), join codes,
 * respondents, immutable answer records, consultant overrides, and the shapes the aggregation and the
 * team report hand back. Every type that crosses the store boundary or a CLI --json has its zod schema here.
 */

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const indicatorId = z.string().regex(/^[1-5]\.[1-5]$/, 'indicator id like 1.1 … 5.5') as unknown as z.ZodType<IndicatorId>;
const pillarId = level as unknown as z.ZodType<PillarId>;
const elementId = z.enum(['brand', 'product', 'manufacturing', 'channel', 'marketing', 'retail', 'service', 'logistics',
  'finance', 'organization', 'technology']) as z.ZodType<ElementId>;

/** The label small roles fold into, so nobody below the minimum group size is identifiable. */
export const OTHER_ROLE = '其他';
export const DEFAULT_MIN_GROUP = 3;

export const PlanSchema = z.object({
  mode: z.enum(['quick', 'standard', 'focus']),
  pillar: pillarId.optional(),
  elements: z.array(elementId),
});
export type Plan = z.infer<typeof PlanSchema>;

export const OrganisationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  sector: z.string().min(1).max(100).optional(),
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const CampaignSchema = z.object({
  id: z.string().min(1),
  orgId: z.string().min(1),
  wave: z.number().int().min(1),
  previousId: z.string().optional(),
  plan: PlanSchema,
  roles: z.array(z.string().min(1).max(60)).min(1).max(20),
  minGroup: z.number().int().min(1).max(50),
  owners: z.array(z.string().min(1)).min(1),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().optional(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const JoinCodeSchema = z.object({
  code: z.string().min(1),
  campaignId: z.string().min(1),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
});
export type JoinCode = z.infer<typeof JoinCodeSchema>;

export const RespondentSchema = z.object({
  campaignId: z.string().min(1),
  /** The platform user id as the adapters set it (slack:T:U, dingtalk:…, terminal user). */
  userId: z.string().min(1),
  role: z.string().min(1),
  department: z.string().max(100).optional(),
  joinedAt: z.string(),
});
export type Respondent = z.infer<typeof RespondentSchema>;

/** How a level was reached; 'corrected' is a proposal the person replaced with another digit. */
export const ViaSchema = z.enum(['digit', 'confirmed', 'corrected', 'followup', 'explicit']);
export type Via = z.infer<typeof ViaSchema>;

/**
 * One recorded answer. Never updated: a revision appends a newer record, the newest counts. A
 * withdrawal (the person skipped the indicator after answering it, or started over) is a newer
 * record with `withdrawn` set, repeating the level it withdraws: the indicator then has no answer.
 */
export const AnswerRecordSchema = z.object({
  id: z.number().int().optional(),
  campaignId: z.string().min(1),
  userId: z.string().min(1),
  indicator: indicatorId,
  level,
  via: ViaSchema,
  proposedLevel: level.optional(),
  confidence: z.number().min(0).max(1),
  evidence: z.object({ answer: z.string(), descriptor: z.string() }),
  scorerVersion: z.string().min(1),
  rubricHash: z.string().min(1),
  recordedAt: z.string(),
  withdrawn: z.boolean().optional(),
});
export type TeamAnswer = z.infer<typeof AnswerRecordSchema>;

/** A consultant's reviewed level, kept beside the original answer (which stays unchanged). */
export const OverrideSchema = z.object({
  campaignId: z.string().min(1),
  userId: z.string().min(1),
  indicator: indicatorId,
  level,
  by: z.string().min(1),
  reason: z.string().min(1).max(2000),
  at: z.string(),
});
export type Override = z.infer<typeof OverrideSchema>;

// ---- aggregation ----------------------------------------------------------------------------

/** One respondent as the aggregation sees them: a role and their effective level per indicator. */
export interface RespondentLevels {
  /** Only for resampling and stable order; never shown. */
  key: string;
  role: string;
  levels: Partial<Record<IndicatorId, Level>>;
  /** The respondent's own words per indicator, shown by role only. */
  quotes?: Partial<Record<IndicatorId, string>>;
}

export interface AggregateOptions {
  indicators: IndicatorId[];
  minGroup: number;
  /** Bootstrap resamples; default 1000. */
  resamples?: number;
  seed?: number;
}

export interface RoleGroup { n: number; median: number }

export interface IndicatorAggregate {
  n: number;
  median: number | null;
  mean: number | null;
  sd: number | null;
  histogram: [number, number, number, number, number];
  min: number | null;
  max: number | null;
  disagreement: boolean;
  /** Only groups of at least minGroup respondents; smaller roles fold into OTHER_ROLE. */
  byRole: Record<string, RoleGroup>;
}

export interface PillarAggregate {
  /** Mean of the pillar's measured indicator medians; null when none was measured. */
  score: number | null;
  interval: [number, number] | null;
  indicators: IndicatorId[];
}

export interface Hotspot {
  indicator: IndicatorId;
  median: number;
  sd: number;
  range: [number, number];
  /** Role groups (≥ k) by median, highest first: "IT 4, 门店 2". */
  roles: Array<{ role: string; median: number }>;
  quotes: Array<{ role: string; level: Level; text: string }>;
}

export interface Aggregate {
  respondents: { total: number; byRole: Record<string, number> };
  indicators: Partial<Record<IndicatorId, IndicatorAggregate>>;
  pillars: Partial<Record<PillarId, PillarAggregate>>;
  overall: number | null;
  hotspots: Hotspot[];
}

export interface Change { from: number; to: number; delta: number; exceedsSpread: boolean }
export interface Comparison {
  indicators: Partial<Record<IndicatorId, Change>>;
  pillars: Partial<Record<PillarId, Change>>;
}
