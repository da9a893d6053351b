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
  /** A full index build estimated past these is refused before it starts (retrieval/build-budget.ts); also capped by the machine's memory. */
  WUYIN_INDEX_MAX_MB: z.coerce.number().int().positive().default(16 * 1024),
  WUYIN_INDEX_MAX_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  WUYIN_LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  WUYIN_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  /** Every LLM call of one turn, retries included, shares this; then the offline path answers. */
  WUYIN_LLM_TURN_BUDGET_MS: z.coerce.number().int().positive().default(10000),
  /** On SIGTERM the adapters wait this long for in-flight turns; the process is forced out 10 s later. */
  WUYIN_DRAIN_MS: z.coerce.number().int().positive().default(20000),
  /** Largest HTTP request body the Slack receiver reads; more gets 413 before the signature check. */
  WUYIN_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().min(1).optional(),
  SLACK_API_URL: z.string().url().optional(),
  /** Who may add material by sending the bot a file in Slack: user ids (U…) or team:user (T…:U…), comma- or space-separated. */
  WUYIN_ADMINS: z.string().default('').transform((s) => s.split(/[\s,]+/).filter(Boolean)),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DINGTALK_CLIENT_ID: z.string().min(1).optional(),
  DINGTALK_CLIENT_SECRET: z.string().min(1).optional(),
  DINGTALK_GATEWAY_URL: z.string().url().optional(),
  /** postgres://… selects the PostgreSQL store (several replicas on one database); unset: SQLite in the data dir. */
  WUYIN_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  /** With WUYIN_DATABASE_URL: how often a replica checks the shared corpus version (its staleness bound, plus a rebuild). */
  WUYIN_CORPUS_POLL_MS: z.coerce.number().int().min(100).default(5000),
  /** Turns each adapter's pipeline runs at once (DEFAULT_TURN_CONCURRENCY); on PostgreSQL the pool follows it. */
  WUYIN_TURN_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  // Reports: links served at <WUYIN_PUBLIC_URL>/reports/<token>, PDFs printed by headless Chromium.
  WUYIN_PUBLIC_URL: z.string().url().optional(),
  WUYIN_REPORT_LINK_DAYS: z.coerce.number().positive().default(7),
  WUYIN_CHROMIUM: z.string().min(1).default('/usr/bin/chromium'),
});

export type Env = z.infer<typeof EnvSchema>;
/** Time a turn keeps after its LLM budget for the offline answer and its delivery. */
export const DRAIN_MARGIN_MS = 2000;
/** After the drain deadline, how long shutdown (closing the store) may take before a forced exit. */
export const FORCE_EXIT_AFTER_DRAIN_MS = 10000;
export interface Config extends Env {
  dataDir: string;
  llmEnabled: boolean;
  /** Turns run at once by each adapter's pipeline: WUYIN_TURN_CONCURRENCY, else DEFAULT_TURN_CONCURRENCY. */
  turnConcurrency: number;
}

/**
 * Turn slots of one adapter's pipeline when WUYIN_TURN_CONCURRENCY is unset, on both stores. Measured
 * 2026-12-02 (PostgreSQL ×1, 200 conversations × 5, load 7–12 on 2 cores): 4 slots 75–128 turns/s,
 * 8: 82, 16: 60–118, 32: 74, with 2.0 of 2 cores busy in every run, so more slots only queued turns
 * behind each other (turn p50 15 → 80–150 ms) and cost connections. More can pay where a replica
 * leaves cores idle waiting on PostgreSQL's round trips (a machine with free cores).
 */
export const DEFAULT_TURN_CONCURRENCY = 4;
/** Connections besides the turns' own: inbox inserts (acks wait on them), drain claims, delivered marks. */
export const PG_POOL_EXTRA = 12;
/**
 * A replica's pg pool: one connection per turn slot (each holds its conversation's advisory lock from
 * the state read to the commit) plus the drains', or turns and acks queue for connections. Each
 * replica opens up to this many of PostgreSQL's max_connections (default 100): 16 at the default.
 */
export function pgPoolSize(turnConcurrency: number): number {
  return turnConcurrency + PG_POOL_EXTRA;
}

/** Names of variables whose values must never reach a log. */
export const SECRET_KEYS = ['WUYIN_DATABASE_URL', 'OPENAI_API_KEY', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DINGTALK_CLIENT_SECRET'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset": shells and .env files often export VAR= .
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment configuration (${where})`);
  }
  const e = parsed.data;
  // A turn must be able to give up on the LLM and still answer offline before the drain ends.
  if (e.WUYIN_LLM_TURN_BUDGET_MS + DRAIN_MARGIN_MS > e.WUYIN_DRAIN_MS) {
    throw new Error(`invalid environment configuration (WUYIN_LLM_TURN_BUDGET_MS (${e.WUYIN_LLM_TURN_BUDGET_MS}) must end at least ${DRAIN_MARGIN_MS} ms before WUYIN_DRAIN_MS (${e.WUYIN_DRAIN_MS}))`);
  }
  const turnConcurrency = e.WUYIN_TURN_CONCURRENCY ?? DEFAULT_TURN_CONCURRENCY;
  return { ...e, dataDir: path.resolve(e.WUYIN_DATA_DIR), llmEnabled: Boolean(e.OPENAI_API_KEY), turnConcurrency };
}

/** The secret values present in this config, for log redaction. */
export function secretValues(config: Config): string[] {
  return SECRET_KEYS.map((k) => config[k]).filter((v): v is string => typeof v === 'string' && v.length >= 4);
}


/** The PostgreSQL the tests use (`.ci/postgres.sh` exports it); unset: those suites are skipped. */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.WUYIN_TEST_DATABASE_URL || undefined;
}

/**
 * The PostgreSQL `npm run bench -- --postgres` runs on: `WUYIN_BENCH_DATABASE_URL`, else the tests'
 * one; unset: that part is skipped and says so. The bench creates (and drops) a database per run on it.
 */
export function benchDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.WUYIN_BENCH_DATABASE_URL || testDatabaseUrl(env);
}

/** Extra node flags for the replica bench's bot processes (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`); none by default. */
export function benchNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.WUYIN_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
}

/** Under CI a suite that needs PostgreSQL must run, never skip. */
export function requirePostgres(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}
