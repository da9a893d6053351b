import { createSlackAdapter } from '../../adapters/slack/app.js';
import type { Bot } from '../../bot/index.js';
import { postSigned, startSlackStandIn } from '../../test/adapters/support/slack-standin.js';
import { summarise, type Summary } from './stats.js';

/**
 * The exactly-once pipeline under load, through the real Bolt app and a loopback Slack stand-in:
 * ack latency of a 1 000-message burst (200 conversations sending 5 each back to back, all at once), turns/s with inbox and
 * outbox on (burst start → last reply delivered), and the time from a restart to the last reply a
 * previous process committed but did not deliver.
 */
export interface DeliveryBench {
  burst: number;
  conversations: number;
  ack: Summary;
  turns_per_s: number;
  resumed_replies: number;
  restart_to_last_reply_ms: number;
}

const SECRET = 'bench-signing-secret';
const TEXTS = ['开始', '全部', '1', '3', '我们的数据大部分在云上统一存储'];

export async function benchDelivery(bot: Bot, conversations = 200, each = 5): Promise<DeliveryBench> {
  const standin = await startSlackStandIn();
  const make = () => createSlackAdapter({ store: bot.store, handle: (m, o) => bot.handle(m, o), botToken: 'xoxb-bench', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: standin.apiUrl, webApiRetries: 0, rateLimitPerMin: 10_000 });
  try {
    const adapter = make();
    const { port } = await adapter.start();
    const url = `http://127.0.0.1:${port}/slack/events`;
    const body = (c: number, k: number) => JSON.stringify({
      team_id: 'T1', type: 'event_callback', event_id: `EvB${c}x${k}`,
      event: { type: 'message', channel: `DB${c}`, channel_type: 'im', user: `UB${c}`, text: TEXTS[k % TEXTS.length], ts: `1710000000.${String(c * 10 + k).padStart(6, '0')}`, client_msg_id: `bench-${c}-${k}` },
    });
    const t0 = performance.now();
    // One sender per conversation, each posting its messages back to back (the next once the last is acked).
    const acks: number[] = [];
    await Promise.all(Array.from({ length: conversations }, async (_, c) => {
      for (let k = 0; k < each; k++) acks.push((await postSigned(url, body(c, k), { secret: SECRET })).ms);
    }));
    while ((await bot.store.pendingInbox()).length || (await bot.store.pendingOutbox()).length) await new Promise((r) => setTimeout(r, 20));
    const elapsed = (performance.now() - t0) / 1000;
    await adapter.stop();

    // Replies committed while no adapter runs (as by a process killed before delivering them).
    const target = (c: number) => ({ channel: `DR${c}`, via: 'post' });
    for (let c = 0; c < conversations; c++) {
      for (let k = 0; k < 2; k++) {
        await bot.handle({ platform: 'slack', conversationId: `bench-resume-${c}`, userId: `UR${c}`, messageId: `resume-${c}-${k}`, text: TEXTS[k]! }, { target: target(c) });
      }
    }
    const pending = (await bot.store.pendingOutbox()).length;
    const before = standin.posts().length;
    const t1 = performance.now();
    const again = make();
    await again.start();
    while (standin.posts().length - before < pending) await new Promise((r) => setTimeout(r, 5));
    const restartMs = performance.now() - t1;
    await again.stop();
    return {
      burst: conversations * each,
      conversations,
      ack: summarise(acks),
      turns_per_s: Math.round((conversations * each) / elapsed),
      resumed_replies: pending,
      restart_to_last_reply_ms: Math.round(restartMs),
    };
  } finally {
    await standin.close();
  }
}
