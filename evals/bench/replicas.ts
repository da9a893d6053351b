import pg from 'pg';
import { benchNodeFlags } from '../../config.js';
import { redactUrl } from '../../bot/store/postgres/db.js';
import { freshDatabase } from '../../test/support/postgres.js';
import { startProxy } from '../../test/faults/fixtures/proxy.js';
import { startPeer } from './delivery.js';
import { startReplica, stopReplica, type ReplicaProc } from './replica-procs.js';
import { summarise, type Summary } from './stats.js';

/**
 * Several replicas (`npm run bench -- --postgres`): one workload — 200 conversations sending 5 messages
 * each back to back (the delivery bench's Slack peer), through a round-robin loopback proxy, into
 * the real Slack adapter over signed HTTP with the real bot's turn, replies to the Web API stand-in —
 * on SQLite with 1 replica, PostgreSQL with 1 and with 2; then the fail-over: 2 replicas on
 * PostgreSQL, one killed with -9 at 40 % of acks, the other taking over its leases.
 * Turns/s is messages ÷ (burst start → last reply at the stand-in); the turn is the bot's own
 * handling of one message (lock wait, state read, the orchestrator, commit), timed in the replica.
 */
export interface ReplicaRun {
  backend: 'sqlite' | 'postgres';
  replicas: number;
  messages: number;
  turns_per_s: number;
  seconds: number;
  turn: Summary;
  ack: Summary;
  /** CPU (user + system) of each bot process per message it ran, in ms; and over all processes per message. */
  cpu_ms_per_message: number[];
  cpu_ms_per_message_all: number;
  /** Statements sent to PostgreSQL per message, all processes (each one a round trip); 0 on SQLite. */
  queries_per_message: number;
  /** Posts repeating an earlier post's attempt id and part. */
  doubled: number;
  left_pending: number;
}

export interface FailoverRun {
  lease_ms: number;
  sweep_ms: number;
  /** Conversations the killed replica held a lease on when it died. */
  held_conversations: number;
  held_outbox_leases: number;
  held_pending_rows: number;
  /**
   * Kill → first reply delivered in a conversation whose outbox lease the killed replica held: only
   * the lease's next holder can send there, so this is the take-over (a conversation whose inbox lease
   * it held may get older replies from the survivor's outbox at once).
   */
  kill_to_first_reply_ms: number | null;
  /** Kill → every inbox and outbox row those conversations had pending at the kill is delivered. */
  kill_to_all_delivered_ms: number | null;
  doubled: number;
  left_pending: number;
}

export interface ReplicaBench {
  /** Set when the part did not run (no PostgreSQL URL). */
  skipped?: string;
  where?: string;
  conversations: number;
  each: number;
  runs: ReplicaRun[];
  failover?: FailoverRun;
}

const CONVERSATIONS = 200;
const EACH = 5;
// Production's lease and sweep (adapters/delivery.ts defaults): the fail-over as a deployment gets it.
const LEASE_MS = 10_000;
const SWEEP_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms2 = (x: number) => Math.round(x * 100) / 100;

export async function benchReplicas(url: string | undefined, dataDir: string, say: (line: string) => void): Promise<ReplicaBench> {
  const base = { conversations: CONVERSATIONS, each: EACH, runs: [] as ReplicaRun[] };
  if (!url) return { ...base, skipped: 'no PostgreSQL: set WUYIN_BENCH_DATABASE_URL (or WUYIN_TEST_DATABASE_URL) to a server where the bench may create databases' };
  const out: ReplicaBench = { ...base, where: redactUrl(url) };
  const nodeFlags = benchNodeFlags();
  for (const [backend, replicas] of [['sqlite', 1], ['postgres', 1], ['postgres', 2]] as const) {
    say(`  ${backend}, ${replicas} replica(s) …`);
    out.runs.push((await runOnce({ url: backend === 'postgres' ? url : undefined, replicas, dataDir, nodeFlags })).run);
  }
  say('  fail-over: 2 replicas on PostgreSQL, one killed with -9 at 40 % of acks …');
  out.failover = (await runOnce({ url, replicas: 2, dataDir, kill: true })).failover;
  return out;
}

export interface Once { url?: string; replicas: number; dataDir: string; kill?: boolean; nodeFlags?: string[] }

/** One configuration (exported for profiling one of them alone). */
export async function runOnce(o: Once): Promise<{ run: ReplicaRun; failover?: FailoverRun }> {
  const peer = startPeer();
  const db = o.url ? await freshDatabase(o.url) : undefined;
  const procs: ReplicaProc[] = [];
  const proxy = await startProxy(false);
  try {
    const { apiUrl } = await peer.next<{ apiUrl: string }>();
    const env = { dbUrl: db?.url, apiUrl, dataDir: o.dataDir, leaseMs: LEASE_MS, sweepMs: SWEEP_MS, nodeFlags: o.nodeFlags };
    // One after the other: the first migrates a fresh database, the second finds it done.
    for (let i = 0; i < o.replicas; i++) procs.push(await startReplica(env));
    proxy.targets.push(...procs.map((p) => p.port));
    // Warm-up on other conversations (JIT, pooled connections), then counters from zero.
    await peer.ask({ cmd: 'burst', url: proxy.url, conversations: 20, each: EACH, retry: true, prefix: 'W' });
    await settle(procs);
    await Promise.all(procs.map((p) => p.ask({ cmd: 'stats' })));
    const before = await peer.ask<{ posts: number }>({ cmd: 'posts' });

    peer.child.stdin!.write(JSON.stringify({ cmd: 'burst', url: proxy.url, conversations: CONVERSATIONS, each: EACH, retry: true, ...(o.kill ? { notifyAt: 0.4 } : {}) }) + '\n');
    let killed: Killed | undefined;
    if (o.kill) {
      await peer.next<{ acked: number }>();
      killed = await kill(procs[1]!, proxy.targets, db!.url);
    }
    const burst = await peer.next<{ acks: number[]; startedAt: number }>();
    const live = procs.filter((p) => p !== killed?.proc);
    const left = await settle(live);
    const doneAt = killed ? await waitDelivered(db!.url, killed) : undefined;
    const stats = await Promise.all(live.map((p) => p.ask<{ cpu: { user: number; system: number }; turns: number; turnMs: number[]; queries: number }>({ cmd: 'stats' })));
    const posts = await peer.ask<{ posts: number; lastAt: number; doubled: number }>({ cmd: 'posts' });
    const messages = CONVERSATIONS * EACH;
    const seconds = (posts.lastAt - burst.startedAt) / 1000;
    const cpuMs = stats.map((s) => (s.cpu.user + s.cpu.system) / 1000);
    const run: ReplicaRun = {
      backend: o.url ? 'postgres' : 'sqlite', replicas: o.replicas, messages,
      turns_per_s: Math.round(messages / seconds), seconds: Math.round(seconds * 100) / 100,
      turn: summarise(stats.flatMap((s) => s.turnMs)), ack: summarise(burst.acks),
      cpu_ms_per_message: stats.map((s, i) => ms2(cpuMs[i]! / Math.max(1, s.turns))),
      cpu_ms_per_message_all: ms2(cpuMs.reduce((a, b) => a + b, 0) / messages),
      queries_per_message: ms2(stats.reduce((a, x) => a + x.queries, 0) / messages),
      doubled: posts.doubled, left_pending: left,
    };
    if (posts.posts <= before.posts) throw new Error('replica bench: no reply reached the stand-in');
    if (!killed) return { run };
    const firstReply = await peer.ask<{ first: number | null }>({ cmd: 'posted', channels: killed.outboxChannels, since: killed.at });
    return {
      run,
      failover: {
        lease_ms: LEASE_MS, sweep_ms: SWEEP_MS, held_conversations: killed.conversations.length, held_outbox_leases: killed.outboxChannels.length, held_pending_rows: killed.rows,
        kill_to_first_reply_ms: firstReply.first === null ? null : firstReply.first - killed.at,
        kill_to_all_delivered_ms: doneAt === undefined ? null : doneAt - killed.at,
        doubled: posts.doubled, left_pending: left,
      },
    };
  } finally {
    peer.close();
    await proxy.close();
    for (const p of procs) await stopReplica(p);
    await db?.drop().catch(() => undefined);
  }
}

/** Until every live replica is idle and the store has no pending row (a dead replica's rows wait for its leases). */
async function settle(procs: ReplicaProc[], timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answers = await Promise.all(procs.map((p) => p.ask<{ pending: number }>({ cmd: 'idle' })));
    const pending = Math.max(...answers.map((a) => a.pending));
    if (pending === 0 || Date.now() > deadline) return pending;
    await sleep(50);
  }
}

interface Killed { proc: ReplicaProc; at: number; outboxChannels: string[]; conversations: string[]; messageIds: string[]; replyIds: number[]; rows: number }

/** kill -9, out of the proxy, then what it held: its leases' conversations and their pending rows. */
async function kill(proc: ReplicaProc, targets: number[], dbUrl: string): Promise<Killed> {
  proc.child.kill('SIGKILL');
  targets.splice(targets.indexOf(proc.port), 1);
  await proc.exited;
  // From the exit on, whatever reaches the stand-in was sent by the survivor.
  const at = Date.now();
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const names = (await c.query('SELECT name FROM leases WHERE holder = $1', [proc.holder])).rows.map((r) => String(r.name));
    const conversations = [...new Set(names.map((n) => n.replace(/^(inbox|outbox):/, '')))];
    const outboxChannels = names.filter((n) => n.startsWith('outbox:')).map((n) => n.split(':').pop()!);
    const inbox = (await c.query('SELECT message_id FROM inbox WHERE conversation_id = ANY($1)', [conversations])).rows.map((r) => String(r.message_id));
    const replies = (await c.query(`SELECT id FROM replies WHERE status = 'pending' AND conversation_id = ANY($1)`, [conversations])).rows.map((r) => Number(r.id));
    return { proc, at, conversations, outboxChannels, messageIds: inbox, replyIds: replies, rows: inbox.length + replies.length };
  } finally {
    await c.end();
  }
}

/** When the killed replica's pending work (its conversations' inbox rows, their replies, and pending replies) is all delivered. */
async function waitDelivered(dbUrl: string, k: Killed): Promise<number | undefined> {
  if (k.rows === 0) return undefined;
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const r = await c.query(
        `SELECT (SELECT COUNT(*) FROM inbox WHERE message_id = ANY($1)) + (SELECT COUNT(*) FROM replies
           WHERE status <> 'delivered' AND (id = ANY($2) OR message_id = ANY($1))) AS n`, [k.messageIds, k.replyIds]);
      if (Number(r.rows[0].n) === 0) {
        // The last delivered row's time is on the bot's clock (same machine): when that work was done.
        const t = await c.query(`SELECT MAX(updated_at) AS t FROM replies WHERE id = ANY($2) OR message_id = ANY($1)`, [k.messageIds, k.replyIds]);
        return t.rows[0].t ? Date.parse(t.rows[0].t) : Date.now();
      }
      await sleep(25);
    }
    return undefined;
  } finally {
    await c.end();
  }
}
