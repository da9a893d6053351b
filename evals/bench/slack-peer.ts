/**
 * Slack's side of the delivery bench, in its own process as Slack is: the loopback Web API stand-in
 * and the senders of the burst. Kept out of the bot's process so that their CPU (parsing 2 000
 * postMessage calls, signing and timing 1 000 requests) is not counted as the bot's ack latency; on a
 * 2-core machine they still share the cores. JSON lines on stdin/stdout:
 *   → {"cmd":"burst","url":…,"conversations":200,"each":5}   ← {"acks":[ms…],"statuses":{…}}
 *   → {"cmd":"posts"}                                          ← {"posts":n}
 *   → {"cmd":"close"}
 * It first prints {"apiUrl":…}.
 */
import readline from 'node:readline';
import { postSigned, startSlackStandIn } from '../../test/adapters/support/slack-standin.js';

export const BENCH_SECRET = 'bench-signing-secret';
export const BENCH_TEXTS = ['开始', '全部', '1', '3', '我们的数据大部分在云上统一存储'];

/**
 * Posts one event; a connection that fails before the answer (a kept-alive socket the bot closed just
 * as it was reused, seen under a load average over 10) is tried again, as Slack retries an event it
 * got no answer for. The retry carries the same event id, so the bot's inbox takes it once; the ack
 * time counts from the first try.
 */
async function postRetrying(url: string, body: string): Promise<{ status: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await postSigned(url, body, { secret: BENCH_SECRET });
    } catch (err) {
      if (attempt >= 5) throw err;
      const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
      process.stderr.write(`slack-peer: a post failed (${(err as Error).message}: ${cause?.code ?? cause?.message ?? '?'}); trying again\n`);
    }
  }
}

async function main(): Promise<void> {
  const standin = await startSlackStandIn();
  const out = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');
  out({ apiUrl: standin.apiUrl });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const m = JSON.parse(line) as { cmd: string; url?: string; conversations?: number; each?: number };
    if (m.cmd === 'posts') out({ posts: standin.posts().length });
    else if (m.cmd === 'close') break;
    else if (m.cmd === 'burst') {
      const body = (c: number, k: number) => JSON.stringify({
        team_id: 'T1', type: 'event_callback', event_id: `EvB${c}x${k}`,
        event: { type: 'message', channel: `DB${c}`, channel_type: 'im', user: `UB${c}`, text: BENCH_TEXTS[k % BENCH_TEXTS.length], ts: `1710000000.${String(c * 10 + k).padStart(6, '0')}`, client_msg_id: `bench-${c}-${k}` },
      });
      const acks: number[] = [];
      const statuses: Record<string, number> = {};
      // One sender per conversation, each posting its messages back to back (the next once the last is acked).
      await Promise.all(Array.from({ length: m.conversations! }, async (_, c) => {
        for (let k = 0; k < m.each!; k++) {
          const started = Date.now();
          const r = await postRetrying(m.url!, body(c, k));
          acks.push(Date.now() - started);
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        }
      }));
      out({ acks, statuses });
    }
  }
  await standin.close();
}

await main();
