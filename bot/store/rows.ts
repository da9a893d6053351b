import { z } from 'zod';
import type { AnswerRow } from './types.js';

/**
 * Validation of what crosses the store boundary: rows and JSON read back from SQLite,
 * and what a turn function hands over before it is committed. Errors name the table,
 * column and conversation so a bad row can be found with the sqlite3 shell.
 */

export const PlatformSchema = z.enum(['terminal', 'slack', 'dingtalk', 'test']);
const LevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const IndicatorIdSchema = z.string().regex(/^[1-5]\.[1-5]$/, 'indicator id like 1.1 … 5.5') as unknown as z.ZodType<AnswerRow['indicator']>;

export const AnswerRowSchema: z.ZodType<AnswerRow> = z.object({
  indicator: IndicatorIdSchema,
  level: LevelSchema,
  confidence: z.number().min(0).max(1),
  // Loose: the orchestrator may carry more evidence than the reporting shape requires.
  evidence: z.looseObject({ answer: z.string(), descriptor: z.string() }),
});

export const RepliesSchema = z.array(z.unknown());

export const TurnOutputSchema = z.object({
  replies: RepliesSchema,
  answers: z.array(AnswerRowSchema).optional(),
  userText: z.string(),
  keepState: z.boolean().optional(),
  forgetUser: z.object({ userId: z.string().min(1), replies: z.function() }).optional(),
});

/** An incoming message as the inbox keeps it. */
export const IncomingSchema = z.object({
  platform: PlatformSchema,
  conversationId: z.string().min(1),
  userId: z.string().min(1),
  messageId: z.string().min(1),
  text: z.string(),
  locale: z.enum(['zh', 'en']).optional(),
  /** `/wuyin report` in a channel: which conversations count as "there" (kept through the inbox). */
  reportScope: z.string().min(1).max(512).optional(),
});

/** Where a value came from, for error messages. */
export interface Origin {
  table: string;
  column: string;
  conversationId: string;
}

export class StoreDataError extends Error {
  override readonly name = 'StoreDataError';
}

/** Parses a JSON column and validates it; a failure names the row it came from. */
export function parseJsonColumn<T>(text: string, schema: z.ZodType<T> | undefined, at: Origin): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StoreDataError(`${describe(at)} is not valid JSON: ${(err as Error).message}`);
  }
  return schema ? validate(value, schema, at) : (value as T);
}

export function validate<T>(value: unknown, schema: z.ZodType<T>, at: Origin | string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new StoreDataError(`${typeof at === 'string' ? at : describe(at)} failed validation (${issues})`);
}

function describe(at: Origin): string {
  return `${at.table}.${at.column} of conversation ${JSON.stringify(at.conversationId)}`;
}
