import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../bot/store/postgres/pg-store.js';
import { configureLog } from '../../log.js';
import { startDingTalkStandIn, type DingTalkStandIn } from '../adapters/support/dingtalk-standin.js';
import { slackSignature, startSlackStandIn, type SlackStandIn } from '../adapters/support/slack-standin.js';
import { startProxy } from './fixtures/proxy.js';
import { clusterAvailable, startCluster, type Cluster } from '../support/pg-cluster.js';
import { announcePostgres, freshDatabase, PG_URL } from '../support/postgres.js';

/**
 * Several replicas on one PostgreSQL, counted at the stand-ins (the fault harness's counting turn):
 * - two replica processes behind a round-robin loopback proxy (Slack over signed HTTP; the proxy also
 *   mirrors every event to the other replica at once) and both connected to the DingTalk stand-in, which
 *   pushes every frame to every connection; one replica is killed with -9 mid-run and restarted;
 * - one replica on a throwaway PostgreSQL cluster this test starts itself, restarted mid-run: the
 *   replica recovers without a restart of its own.
 * Lost, doubled (with no kill between the copies) and out-of-order replies must be 0. The full size (200
 * conversations) runs with WUYIN_REPLICA_HARNESS=1 (.ci/run runs it as its own step); `npm test` runs 24.
 */
configureLog({ level: 'silent' });
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'fixtures/replica-child.ts');
const FULL = !!process.env.WUYIN_REPLICA_HARNESS;
const CONVERSATIONS = Number(process.env.REPLICA_CONVERSATIONS ?? (FULL ? 200 : 24));
const MESSAGES = 4;
const SECRET = 'replica-signing-secret';
const CREDS = { clientId: 'replica-client', clientSecret: 'replica-secret-123' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Replica { child: ChildProcess; port: number; log: () => string }
async function startReplica(dbUrl: string, slack: SlackStandIn, ding: DingTalkStandIn, env: Record<string, string> = {}): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbUrl, slack.apiUrl, SECRET, ding.base, CREDS.clientId, CREDS.clientSecret], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', (l) => resolve((JSON.parse(l) as { port: number }).port));
    child.once('exit', (code, signal) => reject(new Error(`replica exited ${code ?? signal}: ${err}`)));
  });
  return { child, port, log: () => err };
}

interface Counts { lost: number; doubled: number; doubledAtKill: number; outOfOrder: number; stateSkew: number; acked: number; pending: number }

/** Conversations 0..n-1: even ones on Slack (through `slackUrl`), odd ones on DingTalk; `fault` runs once at 40 % acked. */
async function drive(o: { noSlack?: boolean; dbUrl: string; slack: SlackStandIn; ding: DingTalkStandIn; slackUrl: () => string; fault: () => Promise<void>; faultTimes: number[] }): Promise<Counts> {
  const onSlack = (c: number) => !o.noSlack && c % 2 === 0;
  let acked = 0;
  let faulted: Promise<void> | undefined;
  const deliverSlack = async (c: number, k: number, retry: boolean) => {
    const event = { type: 'message', channel: `D${c}`, channel_type: 'im', user: `U${c}`, text: `m${k}`, ts: `1700000000.${String(c * 100 + k).padStart(6, '0')}`, client_msg_id: `cm-${c}-${k}` };
    const body = JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: `Ev${c}x${k}`, event });
    // Slack waits 3 s for the ack, then retries; here 5 s.
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(o.slackUrl(), {
      method: 'POST', body, signal: AbortSignal.timeout(5000),
      headers: {
        'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, body),
        ...(retry ? { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } : {}),
      },
    });
    await res.text();
    return res.status === 200;
  };
  const deliverDing = async (c: number, k: number) => {
    const frameId = `f-${c}-${k}-${Math.random().toString(36).slice(2, 8)}`;
    const data = {
      msgId: `msg-${c}-${k}`, msgtype: 'text', text: { content: `m${k}` }, conversationId: `cid-${c}`, conversationType: '1', senderId: `sender-${c}`,
      senderStaffId: `staff-${c}`, robotCode: 'robot', sessionWebhook: o.ding.webhookUrl(`conv-${c}`), sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
    };
    try {
      o.ding.sendCallback(data, frameId);
    } catch {
      return false;
    }
    const deadline = Date.now() + 4000;
    while (Date.now() < deadline) {
      if (o.ding.frames.some((f) => f.frame.headers?.messageId === frameId)) return true;
      await sleep(10);
    }
    return false; // unacked: the gateway pushes it again
  };
  const giveUp = Date.now() + 150_000;
  const conversation = async (c: number) => {
    for (let k = 0; k < MESSAGES; k++) {
      for (let retry = false; ; retry = true) {
        if (Date.now() > giveUp) throw new Error(`conversation ${c} message ${k} never acked (${acked} acked in all)`);
        const ok = await (onSlack(c) ? deliverSlack(c, k, retry) : deliverDing(c, k)).catch(() => false);
        if (ok) break;
        await sleep(100);
      }
      acked++;
      if (!faulted && acked >= CONVERSATIONS * MESSAGES * 0.4) faulted = o.fault();
      await sleep(Math.random() * 20);
    }
  };
  await Promise.all(Array.from({ length: CONVERSATIONS }, (_, c) => conversation(c)));
  await faulted;
  const replies = (c: number) => (onSlack(c)
    ? o.slack.posts(`D${c}`).map((p) => ({ text: String(p.params.text), at: p.at }))
    : o.ding.webhooks.filter((w) => w.path === `/robot/sendBySession/conv-${c}`).map((w) => ({ text: String((w.body.markdown as { text: string }).text).trim(), at: w.at })));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && Array.from({ length: CONVERSATIONS }, (_, c) => replies(c).length).some((n) => n < MESSAGES * 2)) await sleep(100);
  await sleep(1500); // a doubled reply would arrive now
  const counts: Counts = { lost: 0, doubled: 0, doubledAtKill: 0, outOfOrder: 0, stateSkew: 0, acked, pending: 0 };
  const want = Array.from({ length: MESSAGES }, (_, k) => [`m${k}#1 n=${k + 1}`, `m${k}#2`]).flat();
  for (let c = 0; c < CONVERSATIONS; c++) {
    const hits = replies(c);
    for (const w of want) {
      const copies = hits.filter((h) => h.text === w);
      if (copies.length === 0) (counts.lost++, process.env.DEBUG_REPLICA && console.log("LOST", c, w, JSON.stringify(hits.map((h) => h.text))));
      if (copies.length > 1) {
        const atFault = o.faultTimes.some((t) => copies[0]!.at <= t + 50 && t <= copies[copies.length - 1]!.at);
        counts[atFault ? 'doubledAtKill' : 'doubled'] += copies.length - 1;
      }
    }
    const firstSeen = [...new Set(hits.map((h) => h.text))].filter((g) => want.includes(g));
    if (JSON.stringify(firstSeen) !== JSON.stringify(want.filter((w) => firstSeen.includes(w)))) counts.outOfOrder++;
    counts.stateSkew += hits.filter((h) => h.text.includes('#1') && !want.includes(h.text)).length;
  }
  const store = await openPostgresStore({ url: o.dbUrl, max: 2 });
  counts.pending = (await store.pendingOutbox()).length + (await store.pendingInbox()).length + (await store.undeliverable()).length;
  await store.close();
  return counts;
}

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const f of cleanups.reverse()) await Promise.resolve(f()).catch(() => undefined);
});

announcePostgres('replicas on PostgreSQL');
describe.skipIf(!PG_URL)('two replicas on one PostgreSQL, one killed with -9 mid-run', () => {
  it(`${CONVERSATIONS} conversations (Slack through a round-robin proxy, DingTalk to both connections): nothing lost, doubled or out of order`, async () => {
    const db = await freshDatabase();
    cleanups.push(() => db.drop());
    const slack = await startSlackStandIn();
    const ding = await startDingTalkStandIn(CREDS);
    ding.fanout = 'all';
    cleanups.push(() => slack.close(), () => ding.close());
    const proxy = await startProxy(true);
    cleanups.push(() => proxy.close());
    const a = await startReplica(db.url, slack, ding);
    let b = await startReplica(db.url, slack, ding);
    cleanups.push(() => a.child.kill('SIGKILL'), () => b.child.kill('SIGKILL'));
    proxy.targets.push(a.port, b.port);
    while (ding.connections < 2) await sleep(20);
    const faultTimes: number[] = [];
    let failover = 0;
    const counts = await drive({
      dbUrl: db.url, slack, ding, slackUrl: () => proxy.url, faultTimes,
      async fault() {
        const exited = new Promise((r) => b.child.once('exit', r));
        b.child.kill('SIGKILL');
        faultTimes.push(Date.now());
        proxy.targets.splice(proxy.targets.indexOf(b.port), 1);
        await exited;
        const before = slack.calls.length + ding.webhooks.length;
        const t0 = Date.now();
        while (slack.calls.length + ding.webhooks.length === before && Date.now() - t0 < 20_000) await sleep(10);
        failover = Date.now() - t0;
        b = await startReplica(db.url, slack, ding);
        faultTimes.push(Date.now());
        proxy.targets.push(b.port);
      },
    });
    console.info(`replicas: ${JSON.stringify({ conversations: CONVERSATIONS, ...counts, firstReplyAfterKillMs: failover })}`);
    expect(counts.acked).toBe(CONVERSATIONS * MESSAGES);
    expect({ lost: counts.lost, doubled: counts.doubled, outOfOrder: counts.outOfOrder, stateSkew: counts.stateSkew, pending: counts.pending })
      .toEqual({ lost: 0, doubled: 0, outOfOrder: 0, stateSkew: 0, pending: 0 });
    // At the kill instant a reply the platform took may go again (sent, killed before marked): at most one per conversation.
    expect(counts.doubledAtKill).toBeLessThanOrEqual(CONVERSATIONS);
    expect(a.child.exitCode).toBeNull();
  }, FULL ? 600_000 : 240_000);
});

// Slack is in this test too: it lost the messages sent after the restart until a failed inbox write
// answered 500 instead of Bolt's kept 200 (adapters/slack/app.ts, stored-ack.ts).
describe.skipIf(!clusterAvailable())('PostgreSQL restarted under a running replica', () => {
  it('Slack and DingTalk: loses and doubles no turn, logs the outage and the recovery, and recovers without a restart', async () => {
    const cluster: Cluster = await startCluster();
    cleanups.push(() => cluster.stop());
    const slack = await startSlackStandIn();
    const ding = await startDingTalkStandIn(CREDS);
    cleanups.push(() => slack.close(), () => ding.close());
    const r = await startReplica(cluster.url, slack, ding, { REPLICA_LOG_LEVEL: 'info' });
    cleanups.push(() => r.child.kill('SIGKILL'));
    const pid = r.child.pid;
    const faultTimes: number[] = [];
    process.env.DEBUG_REPLICA && setInterval(() => console.log(r.log().slice(-3000)), 20_000).unref();
    const counts = await drive({
      dbUrl: cluster.url, slack, ding, slackUrl: () => `http://127.0.0.1:${r.port}/slack/events`, faultTimes,
      async fault() {
        faultTimes.push(Date.now());
        await cluster.restart(1500);
        faultTimes.push(Date.now());
      },
    });
    console.info(`postgres restart: ${JSON.stringify(counts)}`);
    expect(counts.acked).toBe(CONVERSATIONS * MESSAGES);
    expect({ lost: counts.lost, doubled: counts.doubled + counts.doubledAtKill, outOfOrder: counts.outOfOrder, stateSkew: counts.stateSkew, pending: counts.pending })
      .toEqual({ lost: 0, doubled: 0, outOfOrder: 0, stateSkew: 0, pending: 0 });
    expect(r.child.exitCode).toBeNull();
    expect(r.child.pid).toBe(pid);
    const log = r.log();
    expect(log).toMatch(/the store is unreachable/);
    expect(log).toMatch(/the store is reachable again/);
    expect(log).not.toMatch(/m\d#/); // no user words
  }, 240_000);
});
