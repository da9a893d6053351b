import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../bot/store/index.js';
import { configureLog } from '../../log.js';
import { startDingTalkStandIn, type DingTalkStandIn } from '../adapters/support/dingtalk-standin.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from '../adapters/support/slack-standin.js';

/**
 * The fault harness: 200 conversations at once, each sending its messages one after another, while the
 * adapter process is killed with SIGKILL at random points and restarted. The stand-in platform then
 * redelivers what it would: Slack retries events it got no 200 for (and here also retries some it did,
 * as after a lost response); the DingTalk gateway pushes unacked frames again. Counted at the stand-ins,
 * per conversation: every acked message answered, no reply twice, none out of order, and the store
 * holds no reply it did not deliver.
 */
configureLog({ level: 'silent' });
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'fixtures/pipeline-child.ts');
const CONVERSATIONS = Number(process.env.HARNESS_CONVERSATIONS ?? 200);
const MESSAGES = 5;
const KILLS = 10;
const SECRET = 'harness-signing-secret';
const NAME = () => expect.getState().currentTestName ?? '';
const CREDS = { clientId: 'harness-client', clientSecret: 'harness-secret-123' };

/** Deterministic randomness, so a failure can be replayed. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

interface Proc { child: ChildProcess; ready: Promise<{ port?: number }> }
function spawnChild(args: string[]): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<{ port?: number }>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', (l) => resolve(JSON.parse(l) as { port?: number }));
    child.once('exit', (code, signal) => signal !== 'SIGKILL' && reject(new Error(`child exited ${code}: ${err}`)));
  });
  return { child, ready };
}

/** What a platform needs from the harness: start a process, deliver message k of conversation c, read replies. */
interface Platform {
  start(): Promise<void>;
  /** Resolves true once acked, false when the process died first. */
  deliver(c: number, k: number, redelivery: boolean): Promise<boolean>;
  replies(c: number): Array<{ text: string; at: number }>;
  dataDir: string;
}

interface Counts {
  lost: number;
  /** Doubled replies with no kill between their copies: must never happen. */
  doubled: number;
  /** Doubled replies with a kill between the copies: sent, then killed before it was marked delivered. */
  doubledAtKill: number;
  outOfOrder: number;
  undelivered: number;
  kills: number;
  acked: number;
  stateSkew: number;
  /** Replies that acked redeliveries after the last restart caused (must be none). */
  afterRedelivery: number;
}

async function runHarness(p: Platform, seed: number): Promise<Counts> {
  const random = rng(seed);
  const total = CONVERSATIONS * MESSAGES;
  const killAt = Array.from({ length: KILLS }, () => Math.floor(total * (0.05 + 0.85 * random()))).sort((a, b) => a - b);
  let acked = 0;
  let kills = 0;
  const killTimes: number[] = [];
  /**
   * When each killed process was seen to exit. Processes never overlap: the next one is spawned after
   * this, so two copies with an exit between them came from two processes. (Not the time the next one
   * was ready: it resumes its outbox before it reports ready, and the DingTalk one before it has even
   * connected, so its copies would land before that time and look like doubles of one process.)
   */
  const exitTimes: number[] = [];
  const ackedIds: Array<[number, number]> = [];
  let restarting = false;
  let current: ChildProcess | undefined;
  (p as Platform & { onChild?: (c: ChildProcess) => void }).onChild = (c) => (current = c);
  let live: Promise<void> = p.start();

  /** Kill points reached while a restart was under way (a slow start on a loaded machine): done right after it. */
  let owed = 0;
  let nextKill = 0;
  const kill = async () => {
    if (restarting) return void owed++;
    restarting = true;
    kills++;
    killTimes.push(Date.now());
    const dying = current!;
    const exited = new Promise((r) => dying.once('exit', r));
    dying.kill('SIGKILL');
    live = (async () => {
      await exited;
      exitTimes.push(Date.now());
      await p.start();
      restarting = false;
      if (owed > 0) {
        owed--;
        void kill();
      }
    })();
  };

  const conversation = async (c: number) => {
    for (let k = 0; k < MESSAGES; k++) {
      let redelivery = false;
      for (;;) {
        await live;
        if (await p.deliver(c, k, redelivery).catch(() => false)) break;
        redelivery = true; // not acked: the platform sends it again
      }
      acked++;
      ackedIds.push([c, k]);
      if (nextKill < killAt.length && acked >= killAt[nextKill]!) {
        nextKill++;
        void kill();
      }
      await new Promise((r) => setTimeout(r, random() * 5));
    }
  };
  await Promise.all(Array.from({ length: CONVERSATIONS }, (_, c) => conversation(c)));
  await live;
  const expected = (k: number) => [`m${k}#1 n=${k + 1}`, `m${k}#2`];
  const all = () => Array.from({ length: CONVERSATIONS }, (_, c) => p.replies(c).length);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && all().some((n) => n < MESSAGES * 2)) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300)); // a doubled reply would arrive now
  // After the last restart, redeliver 20 acked events (as after a lost response): no reply may follow.
  const before = all().reduce((a, b) => a + b, 0);
  for (let i = 0; i < 20; i++) {
    const [c, k] = ackedIds[Math.floor(random() * ackedIds.length)]!;
    await p.deliver(c, k, true);
  }
  await new Promise((r) => setTimeout(r, 500));
  const afterRedelivery = all().reduce((a, b) => a + b, 0) - before;
  const last = current!;
  const exited = new Promise((r) => last.once('exit', r));
  last.kill('SIGTERM');
  await exited;

  const counts: Counts = { lost: 0, doubled: 0, doubledAtKill: 0, outOfOrder: 0, undelivered: 0, kills, acked, stateSkew: 0, afterRedelivery };
  for (let c = 0; c < CONVERSATIONS; c++) {
    const hits = p.replies(c);
    const got = hits.map((h) => h.text);
    const want = Array.from({ length: MESSAGES }, (_, k) => expected(k)).flat();
    for (const w of want) {
      const copies = hits.filter((h) => h.text === w);
      if (copies.length === 0) counts.lost++;
      if (copies.length > 1) {
        // Sent, then killed before marked delivered, then sent again by the next process: an exit lies between.
        const atKill = exitTimes.some((t) => t >= copies[0]!.at && t <= copies[1]!.at);
        if (atKill) counts.doubledAtKill += copies.length - 1;
        else counts.doubled += copies.length - 1;

      }
    }
    // Order: the first copies, in arrival order, follow the messages' order.
    const firstSeen = [...new Set(got)].filter((g) => want.includes(g));
    if (JSON.stringify(firstSeen) !== JSON.stringify(want.filter((w) => firstSeen.includes(w)))) counts.outOfOrder++;
    counts.stateSkew += got.filter((g) => g.includes('#1') && !want.includes(g)).length;
  }
  const store = openStore(p.dataDir);
  counts.undelivered = (await store.pendingOutbox()).length + (await store.undeliverable()).length + (await store.pendingInbox()).length;
  await store.close();
  return counts;
}

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-harness-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

// Half a minute on a quiet machine, minutes on a loaded one: .ci/run runs it as its own step after `npm test`
// (WUYIN_FAULT_HARNESS=1), not inside the suite.
describe.skipIf(!process.env.WUYIN_FAULT_HARNESS)('exactly once, end to end, under kill -9', () => {
  it('Slack: 200 conversations, 10 kills, redelivered retries: nothing lost, doubled or out of order', async () => {
    const standin: SlackStandIn = await startSlackStandIn();
    const dataDir = tmp();
    let port = 0;
    const platform: Platform & { onChild?: (c: ChildProcess) => void } = {
      dataDir,
      async start() {
        const proc = spawnChild(['slack', dataDir, standin.apiUrl, SECRET]);
        platform.onChild?.(proc.child);
        port = (await proc.ready).port!;
      },
      async deliver(c, k, redelivery) {
        const event = { type: 'message', channel: `D${c}`, channel_type: 'im', user: `U${c}`, text: `m${k}`, ts: `1700000000.${String(c * 100 + k).padStart(6, '0')}`, client_msg_id: `cm-${c}-${k}` };
        const body = JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: `Ev${c}x${k}`, event });
        const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SECRET, headers: redelivery ? { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } : {} });
        return res.status === 200;
      },
      replies: (c) => standin.posts(`D${c}`).map((p) => ({ text: String(p.params.text), at: p.at })),
    };
    try {
      const counts = await runHarness(platform, 42);
      console.info(`${NAME()}: ${JSON.stringify(counts)}`);
      expect(counts.kills).toBeGreaterThanOrEqual(KILLS);
      expect(counts.acked).toBe(CONVERSATIONS * MESSAGES);
      expect({ lost: counts.lost, doubled: counts.doubled, outOfOrder: counts.outOfOrder, undelivered: counts.undelivered, stateSkew: counts.stateSkew, afterRedelivery: counts.afterRedelivery })
        .toEqual({ lost: 0, doubled: 0, outOfOrder: 0, undelivered: 0, stateSkew: 0, afterRedelivery: 0 });
      // A reply the process died sending is marked attempted; the next process finds it in the channel's
      // history by its metadata and does not send it again.
      expect(counts.doubledAtKill).toBe(0);
    } finally {
      await standin.close();
    }
  }, 400_000);

  it('DingTalk: 200 conversations, 10 kills, unacked frames pushed again: nothing lost or out of order, doubled only at kills', async () => {
    const standin: DingTalkStandIn = await startDingTalkStandIn(CREDS);
    const dataDir = tmp();
    let generation = 0;
    const platform: Platform & { onChild?: (c: ChildProcess) => void } = {
      dataDir,
      async start() {
        const before = standin.connections;
        const proc = spawnChild(['dingtalk', dataDir, standin.base, CREDS.clientId, CREDS.clientSecret]);
        platform.onChild?.(proc.child);
        await proc.ready;
        while (standin.connections <= before) await new Promise((r) => setTimeout(r, 10));
        generation++;
      },
      async deliver(c, k) {
        const gen = generation;
        const frameId = `f-${c}-${k}-${gen}-${Math.random().toString(36).slice(2, 6)}`;
        const data = {
          msgId: `msg-${c}-${k}`, msgtype: 'text', text: { content: `m${k}` }, conversationId: `cid-${c}`, conversationType: '1',
          senderId: `sender-${c}`, senderStaffId: `staff-${c}`, robotCode: 'robot', sessionWebhook: standin.webhookUrl(`conv-${c}`),
          sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
        };
        try {
          standin.sendCallback(data, frameId);
        } catch {
          return false; // no live connection: the gateway keeps it and pushes it later
        }
        const deadline = Date.now() + 3000;
        while (Date.now() < deadline && generation === gen) {
          if (standin.frames.some((f) => f.frame.headers?.messageId === frameId)) return true;
          await new Promise((r) => setTimeout(r, 5));
        }
        return false; // unacked: pushed again
      },
      // Both paths a reply can take: the session webhook, and the robot OpenAPI it falls back to.
      replies: (c) => [
        ...standin.webhooks.filter((w) => w.path === `/robot/sendBySession/conv-${c}`).map((w) => ({ text: String((w.body.markdown as { text: string }).text).trim(), at: w.at })),
        ...standin.openapi.filter((h) => (h.body.userIds as string[] | undefined)?.[0] === `staff-${c}`)
          .map((h) => ({ text: String((JSON.parse(String(h.body.msgParam)) as { text: string }).text).trim(), at: h.at })),
      ].sort((a, b) => a.at - b.at),
    };
    try {
      const counts = await runHarness(platform, 7);
      console.info(`${NAME()}: ${JSON.stringify(counts)}`);
      expect(counts.kills).toBeGreaterThanOrEqual(KILLS);
      expect(counts.acked).toBe(CONVERSATIONS * MESSAGES);
      expect({ lost: counts.lost, doubled: counts.doubled, outOfOrder: counts.outOfOrder, undelivered: counts.undelivered, stateSkew: counts.stateSkew, afterRedelivery: counts.afterRedelivery })
        .toEqual({ lost: 0, doubled: 0, outOfOrder: 0, undelivered: 0, stateSkew: 0, afterRedelivery: 0 });
      // At least once at the kill instant: a reply the platform took, but the process died before marking
      // it delivered, goes again — no DingTalk API lets a robot look up a message it sent without the send's
      // own answer. Counted apart; at most the sends in flight (16) at each kill.
      expect(counts.doubledAtKill).toBeLessThanOrEqual(counts.kills * 16);
    } finally {
      await standin.close();
    }
  }, 400_000);
});
