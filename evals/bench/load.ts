import type { Bot } from '../../bot/index.js';
import { SessionStateSchema, currentIndicator, type SessionState } from '../../bot/session.js';
import type { Reply } from '../../bot/types.js';
import { rng } from './stats.js';
import { createSimUser } from './user-sim.js';

/**
 * Many conversations at once against one SQLite file: every conversation's turns are in flight
 * together with everyone else's, and some messages are redelivered concurrently (as platforms do
 * on a slow ack). Afterwards every conversation's stored transcript and answers are checked
 * against what its person sent and was told.
 */
export interface LoadBench {
  conversations: number;
  turns: number;
  redeliveries: number;
  seconds: number;
  turns_per_s: number;
  /** Sent messages with no stored user row. */
  lost: number;
  /** Extra stored rows for a message id, or a redelivery answered differently from the original. */
  doubled: number;
  /** Stored replies that differ from what the sender was told, or answers rows that disagree with the state. */
  mismatched: number;
  /** Highest resident set of this process sampled during the run. */
  peak_rss_mb: number;
  /** Wall-clock span of the run, for combining runs of several processes. */
  started_at: number;
  ended_at: number;
}

interface Sent { id: string; text: string; replies: Reply[] }

export interface LoadOptions {
  conversations?: number;
  turnsEach?: number;
  redeliver?: number;
  seed?: number;
  /** Keeps the conversations of several processes sharing one file apart. */
  prefix?: string;
}

export async function benchLoad(bot: Bot, opts: LoadOptions = {}): Promise<LoadBench> {
  const n = opts.conversations ?? 200;
  const turnsEach = opts.turnsEach ?? 10;
  const redeliverShare = opts.redeliver ?? 0.05;
  const rand = rng(opts.seed ?? 11);
  const sent = new Map<string, Sent[]>();
  let redeliveries = 0;
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);

  const converse = async (c: number) => {
    const conv = `${opts.prefix ?? 'bench-load'}-${c}`;
    const user = createSimUser({ seed: 1000 + c });
    const log: Sent[] = [];
    sent.set(conv, log);
    let last: Reply[] = [];
    for (let i = 0; i < turnsEach; i++) {
      const state = await bot.store.getState<SessionState>(conv, { schema: SessionStateSchema });
      const text = user.next(state?.phase, state ? currentIndicator(state) : undefined, last);
      const msg = { platform: 'test' as const, conversationId: conv, userId: `load-user-${c}`, messageId: `${conv}-m${i}`, text };
      if (rand() < redeliverShare) {
        redeliveries++;
        const [a, b] = await Promise.all([bot.handle(msg), bot.handle({ ...msg })]);
        // Both deliveries must get the one stored answer; a difference means it ran twice.
        if (JSON.stringify(a) !== JSON.stringify(b)) log.push({ id: msg.messageId + '#redelivery-differs', text, replies: b });
        last = a;
      } else {
        last = await bot.handle(msg);
      }
      log.push({ id: msg.messageId, text, replies: last });
    }
  };

  const startedAt = Date.now();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, c) => converse(c)));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());

  let lost = 0, doubled = 0, mismatched = 0, turns = 0;
  for (const [conv, log] of sent) {
    const transcript = await bot.store.transcript(conv);
    const users = new Map<string, number>();
    const bots = new Map<string, unknown[]>();
    for (const e of transcript) {
      if (e.role === 'user') users.set(e.messageId, (users.get(e.messageId) ?? 0) + 1);
      else { if (bots.has(e.messageId)) doubled++; bots.set(e.messageId, e.replies ?? []); }
    }
    for (const s of log) {
      if (s.id.endsWith('#redelivery-differs')) { doubled++; continue; }
      turns++;
      const count = users.get(s.id) ?? 0;
      if (count === 0) lost++;
      if (count > 1) doubled += count - 1;
      if (JSON.stringify(bots.get(s.id) ?? []) !== JSON.stringify(s.replies)) mismatched++;
    }
    if (users.size !== new Set(log.map((s) => s.id)).size) mismatched++;
    const state = await bot.store.getState<SessionState>(conv, { schema: SessionStateSchema });
    const fromState = Object.entries(state?.answers ?? {}).map(([id, a]) => `${id}:${a!.level}`).sort().join(',');
    const fromTable = (await bot.store.answers(conv)).map((a) => `${a.indicator}:${a.level}`).sort().join(',');
    if (fromState !== fromTable) mismatched++;
  }
  return {
    conversations: n,
    turns,
    redeliveries,
    seconds: Math.round(seconds * 100) / 100,
    turns_per_s: Math.round(turns / seconds),
    lost, doubled, mismatched,
    peak_rss_mb: Math.round((peak / 1048576) * 10) / 10,
    started_at: startedAt,
    ended_at: startedAt + Math.round(seconds * 1000),
  };
}
