import { SessionStateSchema, currentIndicator, type SessionState } from '../../bot/session.js';
import { classify } from '../../bot/intent.js';
import type { Bot } from '../../bot/index.js';
import type { Reply } from '../../bot/types.js';
import { summarise, type Summary } from './stats.js';
import { createSimUser } from './user-sim.js';

/**
 * Per-turn latency through the whole orchestrator (validation, intent, scorer or retrieval,
 * SQLite commit) with the offline defaults, one turn at a time, as one person at a time sees it.
 */
export interface TurnsBench {
  turns: number;
  warmup: number;
  conversations: number;
  latency: Summary;
  /** What the simulated people sent, by intent kind, so the mix can be judged. */
  mix: Record<string, number>;
  /** The slowest intent kind's p99, to point at where the time goes when the target is missed. */
  by_kind: Record<string, Summary>;
}

const MAX_TURNS_PER_CONVERSATION = 60;

export async function benchTurns(bot: Bot, opts: { turns?: number; warmup?: number; seed?: number } = {}): Promise<TurnsBench> {
  const total = opts.turns ?? 1000;
  const warmup = opts.warmup ?? 30;
  const user = createSimUser({ seed: opts.seed ?? 7, allowRestart: true });
  const samples: number[] = [];
  const byKind = new Map<string, number[]>();
  const mix: Record<string, number> = {};
  let conversations = 0;
  let sent = 0;
  while (sent < total + warmup) {
    const conv = `bench-turns-${++conversations}`;
    let last: Reply[] = [];
    for (let i = 0; i < MAX_TURNS_PER_CONVERSATION && sent < total + warmup; i++) {
      const state = await bot.store.getState<SessionState>(conv, { schema: SessionStateSchema });
      const text = user.next(state?.phase, state ? currentIndicator(state) : undefined, last);
      const t = performance.now();
      last = await bot.handle({ platform: 'test', conversationId: conv, userId: `u-${conversations}`, messageId: `${conv}-${i}`, text });
      const ms = performance.now() - t;
      if (sent++ < warmup) continue;
      samples.push(ms);
      const intent = classify(text);
      const kind = intent.kind === 'command' ? (['confirm', 'all'].includes(intent.command) ? intent.command : 'command') : intent.kind;
      mix[kind] = (mix[kind] ?? 0) + 1;
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
  }
  return {
    turns: samples.length,
    warmup,
    conversations,
    latency: summarise(samples),
    mix,
    by_kind: Object.fromEntries([...byKind].map(([k, v]) => [k, summarise(v)])),
  };
}
