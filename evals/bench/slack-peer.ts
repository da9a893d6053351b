/**
 * Slack's side of the delivery bench, in its own process as Slack is: the loopback Web API stand-in
 * and the senders of the burst. Kept out of the bot's process so that their CPU (parsing 2 000
 * postMessage calls, signing and timing 1 000 requests) is not counted as the bot's ack latency; on a
 * 2-core machine they still share the cores. JSON lines on stdin/stdout:
 *   → {"cmd":"burst","url":…,"conversations":200,"each":5}   ← {"acks":[ms…],"statuses":{…},"startedAt":epoch ms}
 *     ("prefix":"W" names other conversations and events, for a warm-up); with "retry":true a failed or refused post is sent again after 100 ms, as Slack retries (the
 *     replica bench: a killed replica's requests fail), and "notifyAt":0.4 prints {"acked":n} once
 *     that share is acked, before the final line
 *   → {"cmd":"posts"}                                          ← {"posts":n,"lastAt":epoch ms,"doubled":n}
 *     (doubled: posts repeating an earlier post's attempt id and part, i.e. one reply sent twice)
 *   → {"cmd":"posted","channels":[…],"since":epoch ms}         ← {"first":epoch ms|null,"last":epoch ms|null}
 *   → {"cmd":"close"}
 * It first prints {"apiUrl":…}.
 */
import readline from 'node:readline';
import { postSigned, startSlackStandIn } from '../../test/adapters/support/slack-standin.js';

export const BENCH_SECRET = 'bench-signing-secret';
export const BENCH_TEXTS = ['开始', '全部', '1', '3', '我们的数据大部分在云上统一存储'];

/** Posts that repeat an earlier post's (attempt id, part) from the message metadata: a reply sent twice. */
function doubles(params: Array<Record<string, unknown>>): number {
  const seen = new Set<string>();
  let n = 0;
  for (const p of params) {
    const meta = (typeof p.metadata === 'string' ? JSON.parse(p.metadata) : p.metadata) as { event_payload?: { attempt?: string; part?: number } } | undefined;
    const key = meta?.event_payload?.attempt === undefined ? undefined : `${meta.event_payload.attempt}/${meta.event_payload.part}`;
    if (key === undefined) continue;
    if (seen.has(key)) n++;
    seen.add(key);
  }
  return n;
}

async function main(): Promise<void> {
  const standin = await startSlackStandIn();
  const out = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');
  out({ apiUrl: standin.apiUrl });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const m = JSON.parse(line) as { cmd: string; url?: string; conversations?: number; each?: number; retry?: boolean; notifyAt?: number; channels?: string[]; since?: number; prefix?: string };
    if (m.cmd === 'posts') {
      const posts = standin.posts();
      out({ posts: posts.length, lastAt: posts.length ? posts[posts.length - 1]!.at : null, doubled: doubles(posts.map((p) => p.params)) });
    } else if (m.cmd === 'posted') {
      const wanted = new Set(m.channels);
      const at = standin.posts().filter((p) => p.at >= m.since! && wanted.has(String(p.params.channel))).map((p) => p.at);
      out({ first: at.length ? Math.min(...at) : null, last: at.length ? Math.max(...at) : null });
    } else if (m.cmd === 'close') break;
    else if (m.cmd === 'burst') {
      const x = m.prefix ?? 'B';
      const body = (c: number, k: number) => JSON.stringify({
        team_id: 'T1', type: 'event_callback', event_id: `Ev${x}${c}x${k}`,
        event: { type: 'message', channel: `D${x}${c}`, channel_type: 'im', user: `U${x}${c}`, text: BENCH_TEXTS[k % BENCH_TEXTS.length], ts: `1710000000.${String(c * 10 + k).padStart(6, '0')}`, client_msg_id: `bench-${x}-${c}-${k}` },
      });
      const acks: number[] = [];
      const statuses: Record<string, number> = {};
      const total = m.conversations! * m.each!;
      let acked = 0;
      const startedAt = Date.now();
      // One sender per conversation, each posting its messages back to back (the next once the last is acked).
      await Promise.all(Array.from({ length: m.conversations! }, async (_, c) => {
        for (let k = 0; k < m.each!; k++) {
          const started = Date.now();
          for (let attempt = 0; ; attempt++) {
            const headers = attempt ? { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': 'http_error' } : undefined;
            // A connection that fails before the answer (a kept-alive socket the bot closed as it was reused,
            // seen under load) is tried again as Slack retries an event it got no answer for; same event id.
            const r = await postSigned(m.url!, body(c, k), { secret: BENCH_SECRET, headers }).catch(() => ({ status: 'error', ms: 0 }));
            statuses[r.status] = (statuses[r.status] ?? 0) + 1;
            if (r.status === 200 || (!m.retry && (r.status !== 'error' || attempt >= 4))) {
              acks.push(Date.now() - started);
              break;
            }
            await new Promise((done) => setTimeout(done, 100));
          }
          if (++acked === Math.ceil(total * (m.notifyAt ?? 2))) out({ acked });
        }
      }));
      out({ acks, statuses, startedAt });
    }
  }
  await standin.close();
}

await main();
