/**
 * Exactly once, end to end — written once for every chat adapter. An adapter only translates:
 * platform event → (IncomingMessage, target) for `receive`, and `send(target, reply)` for one reply.
 *
 * - `receive` writes the event to the store's inbox (its own short transaction) and resolves once it
 *   is durable: the adapter acknowledges after that, so an acked event is never lost, and a known
 *   message id is reported as a duplicate (nothing runs again).
 * - One inbox loop per conversation runs the turns in arrival order; the turn commits its replies to
 *   the outbox with its state. Turns yield to the event loop first, so acks never queue behind them.
 * - One delivery loop per conversation sends the outbox in order, marks each reply delivered,
 *   retries failures the sender calls transient with bounded backoff, and keeps a reply that cannot be
 *   delivered as undeliverable, with its error (`wuyin doctor` lists them).
 * - Before a reply is first sent it is marked attempted, with an attempt id the sender can attach
 *   (Slack: message metadata). A reply found attempted but not delivered (the process died after the
 *   platform took it, or a timed-out call that did land) is first looked up at the platform where
 *   the adapter can (`reconcile`); what the platform already has is not sent again. A reply sent as
 *   several platform messages records each one sent, so a retry or a restart resumes after it.
 * - `resume` (at start) runs what a previous process left: inbox rows first, then undelivered replies.
 * - Several replicas on one store: a conversation's inbox and its outbox are each worked by one replica
 *   at a time, under a store lease (owner + expiry; see `withClaim`). We chose a lease over PostgreSQL's
 *   advisory lock because a drain is network sends with retries: a session lock would pin a pooled
 *   connection for seconds per conversation, and it is released whenever that connection drops (a
 *   database restart) while this replica may still be sending, which would let a second replica send
 *   the same reply. A lease is renewed while held and expires after a kill -9; a periodic sweep (every
 *   `sweepMs`) then finds the rows the dead replica left, and picks up work left while the store was
 *   unreachable, so nothing waits for a restart.
 */
import { randomUUID } from 'node:crypto';
import {
  claimLeaseName, isStoreUnavailable, type ClaimKind, type DeliveryTarget, type InboxEntry, type OutboxEntry, type SessionStore, type TurnKey,
} from '../bot/store/index.js';
import type { Handler, IncomingMessage, Platform, Reply } from '../bot/types.js';
import { logger } from '../log.js';
import type { RateDecision } from './rate-limit.js';
import { PROCESS_HOLDER, withClaim } from './lease.js';

/** Runs one turn for `msg`, committing its replies to the outbox for `target`; throws if it could not commit. */
export type TurnHandler = (msg: IncomingMessage, opts: { target: DeliveryTarget }) => Promise<unknown>;

/** Thrown by a sender for a failure that retrying will not fix (a 4xx other than 429, no route). */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** What a sender gets with each reply. */
export interface SendContext {
  /** Names this reply at the platform: the same on every retry and after a restart. */
  attemptId: string;
  /** Platform messages of this reply already sent (by an earlier try, or found by `reconcile`): send from here on. */
  fromPart: number;
  /** Call after each platform message but the last went out, with how many of the reply's messages have gone. */
  sent(parts: number): Promise<void>;
}

export interface DeliveryOptions<T extends DeliveryTarget> {
  name: Platform;
  store: SessionStore;
  handle: TurnHandler;
  send: (target: T, reply: Reply, ctx: SendContext) => Promise<void>;
  /**
   * For a reply attempted before but not marked delivered: how many of its platform messages the
   * platform already has (looked up by attempt id); undefined when the platform cannot say.
   */
  reconcile?: (target: T, attempted: { attemptId: string; since: string }) => Promise<number | undefined>;
  /** Delivery attempts per reply before it is kept as undeliverable. Default 5. */
  maxAttempts?: number;
  /** First retry delay; doubles up to `maxDelayMs`. Defaults 200 ms / 5 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts at running a turn before its row waits for the next start and an error notice is sent. Default 3. */
  maxTurnAttempts?: number;
  /** Turns running at once (they are mostly CPU; a few overlap an LLM call). Default 4. */
  concurrency?: number;
  /**
   * Replies being sent at once, over all conversations. Default 16. Each send's request and answer are
   * event-loop work that an incoming event's ack would queue behind; a bound keeps that queue short.
   */
  sendConcurrency?: number;
  /** The notice sent when a turn keeps failing. */
  failureNotice?: (msg: IncomingMessage) => Reply;
  /** Per-user limit, applied when a turn is about to run: over it, the message gets one notice or nothing. */
  limiter?: { check(userId: string, inboxId: number): RateDecision | Promise<RateDecision>; notice(msg: IncomingMessage): Reply };
  /** Time to live of a conversation's inbox and outbox leases (renewed while held). Default 10 s. */
  leaseMs?: number;
  /** How often pending inbox and outbox rows are looked for (another replica's, or left by an outage); 0: never. Default 2 s. */
  sweepMs?: number;
  /** Who holds leases: this process unless given (tests with several pipelines in one process). */
  holder?: string;
}

export interface Delivery {
  /** Durably records an event; acknowledge it after this resolves. Rejects when it could not be stored. */
  receive(msg: IncomingMessage, target: DeliveryTarget): Promise<{ duplicate: boolean }>;
  /** Records an event answered by the adapter itself (an unsupported kind) with one reply, then delivers it. */
  notify(msg: IncomingMessage, target: DeliveryTarget, reply: Reply): Promise<void>;
  /**
   * Picks up what a previous process left: inbox rows, then undelivered replies (of this platform: one
   * store may serve several platforms' pipelines). Says how many inbox rows and how many conversations
   * with replies pending it found.
   */
  resume(): Promise<{ inbox: number; outbox: number }>;
  /** Stops starting turns and deliveries; waits (bounded) for the running ones. Returns how many were left. */
  stop(timeoutMs: number): Promise<number>;
  /** Resolves when nothing is queued or running (tests, benchmarks). */
  idle(): Promise<void>;
  /** Conversations with a turn or a delivery queued or running. */
  readonly busy: number;
}

const log = logger('delivery');
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function createDelivery<T extends DeliveryTarget>(o: DeliveryOptions<T>): Delivery {
  const { store } = o;
  const maxAttempts = o.maxAttempts ?? 5;
  const baseDelay = o.baseDelayMs ?? 200;
  const maxDelay = o.maxDelayMs ?? 5000;
  const maxTurnAttempts = o.maxTurnAttempts ?? 3;
  const slots = new Semaphore(o.concurrency ?? 4);
  const sendSlots = new Semaphore(o.sendConcurrency ?? 16);
  const inboxLoops = new Loops();
  const outboxLoops = new Loops();
  /** No new events once stopping; the loops finish what was received until `halted` (the drain deadline). */
  let stopping = false;
  let halted = false;
  /** Events being written to the inbox now: their acks wait on that, and turns give way to them. */
  let receiving = 0;
  /** Inbox rows (id → conversation) that failed all their attempts in this process: left for the next start. */
  const parked = new Map<number, string>();
  const leaseMs = o.leaseMs ?? 10_000;
  const holder = o.holder ?? PROCESS_HOLDER;

  /**
   * Works the conversation's `kind` rows under its lease: claimed with the rows, given up with a look
   * for rows another replica wrote while we held it (those found the lease taken and left the work to
   * us); while there are, another round.
   */
  const leased = async <E>(kind: ClaimKind, c: string, claim: () => Promise<E[] | null>, body: (rows: E[], lost: () => boolean) => Promise<void>) => {
    const steps = {
      claim,
      renew: () => store.acquireLease(claimLeaseName(kind, c), holder, leaseMs),
      release: () => store.releaseClaim(kind, c, holder, kind === 'inbox' ? parkedOf(c) : undefined),
    };
    for (;;) {
      if (halted) return;
      const r = await withClaim(steps, leaseMs, body);
      if (!r?.more || halted) return;
    }
  };
  const parkedOf = (c: string) => [...parked].filter(([, conversation]) => conversation === c).map(([id]) => id);
  const lease = { holder, ttlMs: leaseMs };
  const processInbox = (c: string) => leased('inbox', c, () => store.claimInbox(c, lease), (rows, lost) => processInboxHeld(c, rows, lost));
  const deliverOutbox = (c: string) => {
    let fresh: string | undefined;
    const claim = () => store.claimOutbox<Reply>(c, lease, { attemptId: (fresh = randomUUID()) });
    return leased('outbox', c, claim, (rows, lost) => deliverOutboxHeld(rows, lost, rows[0]?.attemptId === fresh ? fresh : undefined));
  };

  /** Runs the conversation's pending rows once, in order; rows that arrive meanwhile are `leased`'s next round. */
  const processInboxHeld = async (conversationId: string, rows: InboxEntry[], lost: () => boolean) => {
    for (const next of rows) {
      if (parked.has(next.id)) continue;
      if (halted || lost()) return;
      await slots.run(async () => {
        await yieldToIo();
        // Acks first: while events are being stored, a turn waits (a few event-loop turns at most, so
        // turns still run under a burst that never ends).
        for (let i = 0; receiving > 0 && i < 50; i++) await yieldToIo();
        // The inbox id keeps the decision with the message: a retry (after a fail-over) is not counted again.
        const decision = (await o.limiter?.check(next.message.userId, next.id)) ?? 'allow';
        if (decision === 'allow') return runTurn(next.id, next.message, next.target ?? {});
        log.info('rate limited', { notified: decision === 'limit-notify' });
        const replies = decision === 'limit-notify' ? [o.limiter!.notice(next.message)] : [];
        await store.runTurn(keyOf(next.message), async () => ({ keepState: true, replies, userText: next.message.text }), { target: next.target ?? {} });
      });
      outboxLoops.kick(conversationId, () => deliverOutbox(conversationId));
    }
  };

  const runTurn = async (id: number, msg: IncomingMessage, target: DeliveryTarget) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await o.handle(msg, { target });
        return;
      } catch (err) {
        const error = (err as Error).message ?? String(err);
        // Not the turn's fault: the row stays, uncounted, and the sweep runs it once the store is back.
        if (isStoreUnavailable(err)) throw err;
        log.warn('turn failed', { attempt, error });
        await store.failInbox(id, error).catch(() => undefined);
        if (attempt >= maxTurnAttempts || halted) break;
        await sleep(Math.min(maxDelay, baseDelay * 2 ** (attempt - 1)));
      }
    }
    // The person hears that it failed, in a turn that consumes the row; if even that cannot be
    // committed (the store is failing), the row stays for the next start.
    parked.set(id, msg.conversationId);
    if (o.failureNotice) {
      await store.runTurn(keyOf(msg), async () => ({ keepState: true, replies: [o.failureNotice!(msg)], userText: msg.text }), { target })
        .catch((err: Error) => log.error('could not record the failure notice', { error: err.message }));
    }
  };

  /**
   * Sends the conversation's pending replies once, in order; replies committed meanwhile are `leased`'s
   * next round. Each reply is still marked attempted before it is sent, but not in a step of its own:
   * the first with the claim (`fresh`), each next one with its predecessor's delivered mark.
   */
  const deliverOutboxHeld = async (rows: OutboxEntry<Reply>[], lost: () => boolean, fresh: string | undefined) => {
    for (const [i, entry] of rows.entries()) {
      if (halted || lost()) return;
      const after = rows[i + 1];
      const next = after && !after.attemptId ? { id: after.id, attemptId: randomUUID() } : undefined;
      const kept = await deliverOne(entry, fresh, next);
      fresh = undefined;
      if (after && kept) {
        after.attemptId = kept;
        if (kept === next?.attemptId) fresh = kept;
      }
    }
  };

  /** How many parts the platform already has of a reply that may have reached it; `known` when it cannot say. */
  const lookUp = async (target: T, attemptId: string, since: string, known: number) => {
    if (!o.reconcile) return known;
    try {
      const found = await o.reconcile(target, { attemptId, since });
      if (found !== undefined && found > known) log.info('reply found at the platform; not sent again', { parts: found });
      return Math.max(known, found ?? 0);
    } catch (err) {
      log.warn('could not look the reply up at the platform; sending it (at least once)', { error: errorText(err) });
      return known;
    }
  };

  /**
   * Sends one reply; `fresh`: the attempt id this drain just marked it with (nothing can have landed yet).
   * Resolves with the kept attempt id of `next` when it was marked attempted with this one's delivered mark.
   */
  const deliverOne = async (entry: OutboxEntry<Reply>, fresh?: string, next?: { id: number; attemptId: string }): Promise<string | undefined> => {
    const { id, reply } = entry;
    const target = (entry.target ?? {}) as T;
    let attemptId = entry.attemptId;
    let parts = entry.partsSent;
    for (let attempt = entry.attempts + 1; ; attempt++, fresh = undefined) {
      try {
        // Attempted before (an earlier try, or a process that died): it may have landed.
        if (attemptId && attemptId !== fresh) {
          const found = await lookUp(target, attemptId, entry.createdAt, parts);
          if (found > parts) await store.markPartsSent(id, (parts = found));
        } else if (!attemptId) {
          attemptId = await store.markAttempted(id, randomUUID());
        }
        const ctx: SendContext = { attemptId, fromPart: parts, sent: async (n) => store.markPartsSent(id, (parts = Math.max(parts, n))) };
        await sendSlots.run(() => o.send(target, reply, ctx));
        return await markDelivered(id, next);
      } catch (err) {
        const error = errorText(err);
        const final = err instanceof PermanentDeliveryError || attempt >= maxAttempts;
        await store.markFailed(id, error, { final });
        if (final) {
          log.error('reply undeliverable; kept with its error (wuyin doctor lists it)', { attempts: attempt, error });
          return undefined;
        }
        log.warn('reply delivery failed; retrying', { attempt, error });
        if (halted) return undefined;
        await sleep(Math.min(maxDelay, retryAfter(err) ?? baseDelay * 2 ** (attempt - 1)));
      }
    }
  };

  /** A reply was sent: record it even if the store is unreachable for a while, or it is sent again. */
  const markDelivered = async (id: number, next?: { id: number; attemptId: string }) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await store.markDelivered(id, next);
      } catch (err) {
        if (!isStoreUnavailable(err) || attempt >= 40 || halted) throw err;
        if (attempt === 0) log.warn('a reply was sent but the store is unreachable; recording it when the store is back', { error: errorText(err) });
        await sleep(Math.min(maxDelay, baseDelay * 2 ** attempt));
      }
    }
  };

  /** Finds pending rows no loop of ours is working on: another replica's, or left by an outage. */
  let sweeping = false;
  let unreachable = false;
  const sweep = async () => {
    if (sweeping || halted) return;
    sweeping = true;
    try {
      const { inbox, outbox } = await store.pendingWork(o.name);
      if (unreachable) log.info('the store is reachable again; resuming pending work', { inbox: inbox.length, outbox: outbox.length });
      unreachable = false;
      for (const c of outbox) outboxLoops.kick(c, () => deliverOutbox(c));
      for (const c of new Set(inbox.filter((e) => !parked.has(e.id)).map((e) => e.conversationId))) inboxLoops.kick(c, () => processInbox(c));
    } catch (err) {
      if (!unreachable) log.warn('the store is unreachable; pending work waits for it', { error: errorText(err) });
      unreachable = true;
    } finally {
      sweeping = false;
    }
  };
  let sweeper: NodeJS.Timeout | undefined;

  return {
    async receive(msg, target) {
      if (stopping) throw new Error('shutting down');
      receiving++;
      const r = await store.enqueueInbox({ message: msg, target }).finally(() => receiving--);
      // A redelivery of a processed event whose replies are still pending gets them (once) from here.
      if (r.duplicate) outboxLoops.kick(msg.conversationId, () => deliverOutbox(msg.conversationId));
      else inboxLoops.kick(msg.conversationId, () => processInbox(msg.conversationId));
      return { duplicate: r.duplicate };
    },
    async notify(msg, target, reply) {
      await store.runTurn(keyOf(msg), async () => ({ keepState: true, replies: [reply], userText: msg.text }), { target });
      outboxLoops.kick(msg.conversationId, () => deliverOutbox(msg.conversationId));
    },
    async resume() {
      // Ids only: each drain reads (and parses) its own conversation's rows when it claims them.
      const { inbox, outbox } = await store.pendingWork(o.name);
      for (const c of outbox) outboxLoops.kick(c, () => deliverOutbox(c));
      for (const c of new Set(inbox.map((e) => e.conversationId))) inboxLoops.kick(c, () => processInbox(c));
      if (inbox.length || outbox.length) log.info('resuming work left by the previous run', { inbox: inbox.length, outbox: outbox.length });
      const every = o.sweepMs ?? 2000;
      if (every > 0 && !sweeper) sweeper = setInterval(() => void sweep(), every).unref();
      return { inbox: inbox.length, outbox: outbox.length };
    },
    async stop(timeoutMs) {
      stopping = true;
      clearInterval(sweeper);
      const left = await Promise.race([
        this.idle().then(() => 0),
        sleep(timeoutMs).then(() => inboxLoops.size + outboxLoops.size),
      ]);
      // Whatever is left stays in the inbox and outbox for the next start.
      halted = true;
      return left;
    },
    get busy() {
      return inboxLoops.size + outboxLoops.size;
    },
    async idle() {
      while (inboxLoops.size || outboxLoops.size) await Promise.all([inboxLoops.idle(), outboxLoops.idle()]);
    },
  };
}

/**
 * A Handler that only returns replies (a stand-in, a stateless bot) made into a TurnHandler: its
 * replies are committed to the outbox in a turn that leaves the state alone.
 */
export function replyingTurn(store: SessionStore, handler: Handler): TurnHandler {
  return async (msg, { target }) => {
    await store.runTurn(keyOf(msg), async () => ({ keepState: true, replies: await handler(msg), userText: msg.text }), { target });
  };
}

function keyOf(msg: IncomingMessage): TurnKey {
  return { platform: msg.platform, conversationId: msg.conversationId, userId: msg.userId, messageId: msg.messageId };
}

function errorText(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { message?: string; data?: { error?: string } };
    return e.data?.error ? `${e.message ?? 'error'} (${e.data.error})` : String(e.message ?? err);
  }
  return String(err);
}

/** A sender may say how long the platform asked to wait (429 Retry-After), in ms. */
function retryAfter(err: unknown): number | undefined {
  const ms = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof ms === 'number' && ms >= 0 ? ms : undefined;
}

/** One running loop per key; a kick while it runs makes it go round once more. */
class Loops {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();

  get size(): number {
    return this.running.size;
  }

  kick(key: string, body: () => Promise<void>): void {
    const live = this.running.get(key);
    if (live) {
      live.again = true;
      return;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await body().catch((err: Error) => log.error('delivery loop failed; it runs again on the next event or start', { error: err.message }));
        } while (entry.again);
      } finally {
        this.running.delete(key);
      }
    })();
    this.running.set(key, entry);
  }

  async idle(): Promise<void> {
    await Promise.all([...this.running.values()].map((e) => e.done));
  }
}

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
