import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSlackAdapter } from '../../adapters/slack/app.js';
import type { Bot } from '../../bot/index.js';
import { summarise, type Summary } from './stats.js';

/**
 * The exactly-once pipeline under load, through the real Bolt app, with Slack's side (the Web API
 * stand-in and the senders) in its own process (slack-peer.ts): ack latency of a 1 000-message burst
 * (200 conversations sending 5 each back to back, all at once), turns/s with inbox and outbox on
 * (burst start → last reply delivered), and the time from a restart to the last reply a previous
 * process committed but did not deliver.
 */
export interface DeliveryBench {
  burst: number;
  conversations: number;
  ack: Summary;
  turns_per_s: number;
  /**
   * CPU time of the bot's process (user + system, all its threads) per message of the burst: unlike
   * turns/s it hardly moves when other processes load the machine, so it is the figure to compare.
   */
  cpu_ms_per_turn: number;
  resumed_replies: number;
  restart_to_last_reply_ms: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = 'bench-signing-secret';
const TEXTS = ['开始', '全部'];

/** Slack's side in its own process (slack-peer.ts); the replica bench starts one per run too. */
export function startPeer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'evals/bench/slack-peer.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async <T>() => JSON.parse(String((await lines.next()).value)) as T;
  const ask = async <T>(msg: unknown) => {
    child.stdin!.write(JSON.stringify(msg) + '\n');
    return next<T>();
  };
  return { child, next, ask, close: () => child.stdin!.end(JSON.stringify({ cmd: 'close' }) + '\n') };
}

export async function benchDelivery(bot: Bot, conversations = 200, each = 5): Promise<DeliveryBench> {
  const peer = startPeer();
  try {
    const { apiUrl } = await peer.next<{ apiUrl: string }>();
    const make = () => createSlackAdapter({ store: bot.store, handle: (m, o) => bot.handle(m, o), botToken: 'xoxb-bench', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl, webApiRetries: 0, rateLimitPerMin: 10_000 });
    const adapter = make();
    const { port } = await adapter.start();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const { acks, statuses } = await peer.ask<{ acks: number[]; statuses: Record<string, number> }>({ cmd: 'burst', url: `http://127.0.0.1:${port}/slack/events`, conversations, each });
    if (Object.keys(statuses).some((s) => s !== '200')) throw new Error(`delivery bench: not every event was acked: ${JSON.stringify(statuses)}`);
    // Waiting on the pipeline itself: polling the store for pending rows would parse them all, often.
    await adapter.idle();
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const left = (await bot.store.pendingInbox()).length + (await bot.store.pendingOutbox()).length;
    if (left) throw new Error(`delivery bench: ${left} inbox/outbox rows left after the pipeline went idle`);
    await adapter.stop();

    // Replies committed while no adapter runs (as by a process killed before delivering them).
    const target = (c: number) => ({ channel: `DR${c}`, via: 'post' });
    for (let c = 0; c < conversations; c++) {
      for (let k = 0; k < 2; k++) {
        await bot.handle({ platform: 'slack', conversationId: `bench-resume-${c}`, userId: `UR${c}`, messageId: `resume-${c}-${k}`, text: TEXTS[k]! }, { target: target(c) });
      }
    }
    const pending = (await bot.store.pendingOutbox()).length;
    const posts = async () => (await peer.ask<{ posts: number }>({ cmd: 'posts' })).posts;
    const before = await posts();
    const t1 = performance.now();
    const again = make();
    await again.start();
    while ((await posts()) - before < pending) await new Promise((r) => setTimeout(r, 5));
    const restartMs = performance.now() - t1;
    await again.stop();
    return {
      burst: conversations * each,
      conversations,
      ack: summarise(acks),
      turns_per_s: Math.round((conversations * each) / elapsed),
      cpu_ms_per_turn: Math.round(((cpu.user + cpu.system) / 1000 / (conversations * each)) * 100) / 100,
      resumed_replies: pending,
      restart_to_last_reply_ms: Math.round(restartMs),
    };
  } finally {
    peer.close();
  }
}
