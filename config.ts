import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration, from environment variables. Defaults run Wuyin fully offline:
 * no keys, local data dir, the built-in embedder, no LLM.
 */
const EnvSchema = z.object({
  WUYIN_DATA_DIR: z.string().min(1).default('./data'),
  WUYIN_EMBEDDING_MODEL: z.string().min(1).optional(),
  WUYIN_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  WUYIN_MAX_MESSAGE_CHARS: z.coerce.number().int().positive().default(8000),
  WUYIN_RATE_LIMIT_PER_MIN: z.coerce.number().int().positive().default(20),
  WUYIN_DEDUPE_DAYS: z.coerce.number().positive().default(7),
  WUYIN_MAX_INGEST_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  WUYIN_LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  WUYIN_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().min(1).optional(),
  SLACK_API_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DINGTALK_CLIENT_ID: z.string().min(1).optional(),
  DINGTALK_CLIENT_SECRET: z.string().min(1).optional(),
  DINGTALK_GATEWAY_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof EnvSchema>;
export interface Config extends Env {
  dataDir: string;
  llmEnabled: boolean;
}

/** Names of variables whose values must never reach a log. */
export const SECRET_KEYS = ['OPENAI_API_KEY', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DINGTALK_CLIENT_SECRET'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset": shells and .env files often export VAR= .
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment configuration (${where})`);
  }
  const e = parsed.data;
  return { ...e, dataDir: path.resolve(e.WUYIN_DATA_DIR), llmEnabled: Boolean(e.OPENAI_API_KEY) };
}

/** The secret values present in this config, for log redaction. */
export function secretValues(config: Config): string[] {
  return SECRET_KEYS.map((k) => config[k]).filter((v): v is string => typeof v === 'string' && v.length >= 4);
}
