/**
 * Serving an adapter from the CLI. `loadCreateBot` finds the orchestrator; `serveUntilSignal`
 * runs an adapter until SIGTERM/SIGINT, then shuts down gracefully: the adapter stops
 * receiving and finishes in-flight turns, then the bot closes. A second signal, or a
 * shutdown that takes longer than `forceAfterMs`, exits at once.
 */
import type { SessionStore } from '../bot/store/index.js';
import type { Bot } from '../bot/index.js';
import type { Config } from '../config.js';
import type { TurnHandler } from './delivery.js';
import { logger } from '../log.js';
import { installProcessGuard } from './guard.js';

export type CreateBot = (config: Config) => Promise<Pick<Bot, 'rubric' | 'store' | 'reportLinks'> & {
  handle: TurnHandler;
  close(): Promise<void>;
  canWrite?: () => Promise<{ ok: boolean; code?: string }>;
  /** Where files an admin sends are ingested (Slack); absent, files get no answer of their own. */
  retriever?: Pick<Bot['retriever'], 'ingest'>;
  /** Campaign reports behind report links (report/publish.ts); absent, campaign links answer 404. */
  campaigns?: Bot['campaigns'];
}>;

/** The orchestrator's factory, imported when an adapter starts (bot/index.ts is a heavy module). */
export async function loadCreateBot(): Promise<CreateBot> {
  return (await import('../bot/index.js')).createBot;
}

export interface Served {
  name: string;
  start(): Promise<unknown>;
  stop(): Promise<void>;
  /** Closes what the adapter used (the bot). */
  close(): Promise<void>;
  forceAfterMs?: number;
}

export async function serveUntilSignal(s: Served): Promise<number> {
  const log = logger(s.name);
  // No request may end the process: what escapes every handler is logged (no user words) and serving goes on.
  installProcessGuard(s.name);
  try {
    await s.start();
  } catch (err) {
    await s.stop().catch(() => undefined);
    await s.close().catch(() => undefined);
    throw err;
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(sig);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
  log.info('signal received: shutting down gracefully', { signal });
  const force = (why: string) => {
    log.error(`forced exit: ${why}`);
    process.exit(1);
  };
  const again = () => force('second signal');
  process.once('SIGTERM', again);
  process.once('SIGINT', again);
  const timer = setTimeout(() => force('shutdown took too long'), s.forceAfterMs ?? 30_000);
  timer.unref();
  try {
    await s.stop();
    await s.close();
  } finally {
    clearTimeout(timer);
    process.off('SIGTERM', again);
    process.off('SIGINT', again);
  }
  log.info('shut down');
  return 0;
}
