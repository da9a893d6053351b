import { describe, expect, it } from 'vitest';
import { claimLeaseName, type RateDecision, type SessionStore, type StoreOptions } from '../../../bot/store/index.js';
import type { StoreLocation } from './contract.js';
import { increment, key } from './helpers.js';

/**
 * The contract's part on what processes sharing a store coordinate through it: per-user rate limits
 * leases, and the drains' claims. Most cases run on two stores opened on one location, as two replicas would be.
 */
export function coordinationContract(newStore: (loc?: StoreLocation, opts?: StoreOptions) => Promise<SessionStore>, create: () => Promise<StoreLocation>): void {
  const minute = { perWindow: 3, windowMs: 60_000 };
  /** A clock both stores read, moved by the test. */
  const clock = (start: string) => {
    let t = new Date(start).getTime();
    return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
  };

  describe('rate limits across stores on one location', () => {
    it('holds one user to the limit whichever store counts, notifying once a window', async () => {
      const c = clock('2026-03-01T10:00:00.000Z');
      const loc = await create();
      const [a, b] = [await newStore(loc, { now: c.now }), await newStore(loc, { now: c.now })];
      const seen: RateDecision[] = [];
      for (let i = 0; i < 6; i++) seen.push(await (i % 2 ? b : a).consumeRate('u1', minute));
      expect(seen).toEqual(['allow', 'allow', 'allow', 'limit-notify', 'limit-silent', 'limit-silent']);
      // Another user has a bucket of its own.
      expect(await b.consumeRate('u2', minute)).toBe('allow');
    });

    it('lets exactly the limit through when both stores count at once', async () => {
      const c = clock('2026-03-01T10:00:10.000Z');
      const loc = await create();
      const [a, b] = [await newStore(loc, { now: c.now }), await newStore(loc, { now: c.now })];
      const rule = { perWindow: 10, windowMs: 60_000 };
      const all = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? b : a).consumeRate('burst', rule)));
      expect(all.filter((d) => d === 'allow')).toHaveLength(10);
      expect(all.filter((d) => d === 'limit-notify')).toHaveLength(1);
    });

    it('slides: the previous window still counts in part, and a quiet window frees the user', async () => {
      const c = clock('2026-03-01T10:00:50.000Z');
      const loc = await create();
      const [a, b] = [await newStore(loc, { now: c.now }), await newStore(loc, { now: c.now })];
      for (let i = 0; i < 3; i++) expect(await a.consumeRate('u1', minute)).toBe('allow');
      c.advance(15_000); // 10:01:05 — 55/60 of the last window still inside: floor(3 × 0.92) = 2 carried
      expect(await b.consumeRate('u1', minute)).toBe('allow');
      expect(await a.consumeRate('u1', minute)).toBe('limit-notify');
      c.advance(120_000);
      expect(await b.consumeRate('u1', minute)).toBe('allow');
    });

    it("forgets a user's counts with the user", async () => {
      const c = clock('2026-03-01T10:00:20.000Z');
      const a = await newStore(undefined, { now: c.now });
      for (let i = 0; i < 3; i++) await a.consumeRate('test:u1', minute);
      await a.consumeRate('test:u2', minute);
      expect(await a.consumeRate('test:u1', minute)).toBe('limit-notify');
      await a.forgetUser('u1');
      expect(await a.consumeRate('test:u1', minute)).toBe('allow');
      expect(await a.consumeRate('test:u2', minute)).toBe('allow');
      expect(await a.consumeRate('test:u2', minute)).toBe('allow');
      expect(await a.consumeRate('test:u2', minute)).toBe('limit-notify'); // u2's count was kept
    });

    it('keeps the decision on the inbox row: a retried message (after a fail-over) keeps its first decision, uncounted', async () => {
      const c = clock('2026-03-01T10:00:30.000Z');
      const loc = await create();
      const [a, b] = [await newStore(loc, { now: c.now }), await newStore(loc, { now: c.now })];
      const rule = { perWindow: 2, windowMs: 60_000 };
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) ids.push((await a.enqueueInbox({ message: { platform: 'test', conversationId: 'c1', userId: 'u1', messageId: `m${i}`, text: 'hi' } })).id!);
      expect(await a.consumeRate('test:u1', rule, { inboxId: ids[0] })).toBe('allow');
      // The replica that takes the drain over runs the same row again: the same decision, and no slot used.
      expect(await b.consumeRate('test:u1', rule, { inboxId: ids[0] })).toBe('allow');
      expect(await b.consumeRate('test:u1', rule, { inboxId: ids[1] })).toBe('allow');
      expect(await a.consumeRate('test:u1', rule, { inboxId: ids[2] })).toBe('limit-notify');
      expect(await b.consumeRate('test:u1', rule, { inboxId: ids[2] })).toBe('limit-notify');
      expect(await b.consumeRate('test:u1', rule, { inboxId: ids[3] })).toBe('limit-silent');
      // Both stores at once on one fresh row: one decision, counted once.
      const fresh = (await a.enqueueInbox({ message: { platform: 'test', conversationId: 'c2', userId: 'u2', messageId: 'n1', text: 'hi' } })).id!;
      const both = await Promise.all([a.consumeRate('test:u2', rule, { inboxId: fresh }), b.consumeRate('test:u2', rule, { inboxId: fresh })]);
      expect(both).toEqual(['allow', 'allow']);
      expect(await a.consumeRate('test:u2', rule)).toBe('allow');
      expect(await a.consumeRate('test:u2', rule)).toBe('limit-notify');
    });

    it('allows a row that is gone (processed meanwhile) without counting it', async () => {
      const c = clock('2026-03-01T10:00:40.000Z');
      const a = await newStore(undefined, { now: c.now });
      const { id } = await a.enqueueInbox({ message: { platform: 'test', conversationId: 'c1', userId: 'u1', messageId: 'm1', text: 'hi' } });
      await a.runTurn(key('c1', 'm1'), increment('m1'));
      expect(await a.consumeRate('test:u1', minute, { inboxId: id })).toBe('allow');
      for (let i = 0; i < 3; i++) expect(await a.consumeRate('test:u1', minute)).toBe('allow');
      expect(await a.consumeRate('test:u1', minute)).toBe('limit-notify');
    });

    it('refuses a rule that is not a positive whole number', async () => {
      const a = await newStore();
      await expect(a.consumeRate('u1', { perWindow: 0, windowMs: 60_000 })).rejects.toThrow(/positive integer/);
    });
  });

  describe('leases across stores on one location', () => {
    it('gives a lease to one holder at a time, renews it for that holder, and frees it on release', async () => {
      const loc = await create();
      const [a, b] = [await newStore(loc), await newStore(loc)];
      expect(await a.acquireLease('outbox:c1', 'A', 10_000)).toBe(true);
      expect(await b.acquireLease('outbox:c1', 'B', 10_000)).toBe(false);
      expect(await a.acquireLease('outbox:c1', 'A', 10_000)).toBe(true); // renewal
      expect(await b.acquireLease('outbox:c2', 'B', 10_000)).toBe(true); // another name
      await b.releaseLease('outbox:c1', 'B'); // not B's: nothing happens
      expect(await b.acquireLease('outbox:c1', 'B', 10_000)).toBe(false);
      await a.releaseLease('outbox:c1', 'A');
      expect(await b.acquireLease('outbox:c1', 'B', 10_000)).toBe(true);
    });

    it('hands a lease its holder stopped renewing to another once it expires', async () => {
      const loc = await create();
      const [a, b] = [await newStore(loc), await newStore(loc)];
      expect(await a.acquireLease('stream', 'A', 300)).toBe(true);
      expect(await b.acquireLease('stream', 'B', 300)).toBe(false);
      await new Promise((r) => setTimeout(r, 450));
      expect(await b.acquireLease('stream', 'B', 300)).toBe(true);
      expect(await a.acquireLease('stream', 'A', 300)).toBe(false);
    });

    it('lets exactly one of many concurrent takers have it', async () => {
      const loc = await create();
      const [a, b] = [await newStore(loc), await newStore(loc)];
      const got = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).acquireLease('race', `H${i}`, 10_000)));
      expect(got.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('drains: a lease claimed with its rows, released with a look for more', () => {
    const m = (conversationId: string, messageId: string) => ({ platform: 'test' as const, conversationId, userId: 'u1', messageId, text: 'hi' });
    const two = async () => ({ state: { n: 1 }, replies: [{ text: 'first' }, { text: 'second' }], userText: 'x' });
    const A = { holder: 'A', ttlMs: 10_000 };
    const B = { holder: 'B', ttlMs: 10_000 };

    it("gives the inbox lease with the conversation's pending rows to one holder at a time", async () => {
      const loc = await create();
      const [a, b] = [await newStore(loc), await newStore(loc)];
      await a.enqueueInbox({ message: m('c1', 'm1'), target: { channel: 'C1' } });
      await b.enqueueInbox({ message: m('c2', 'm2') });
      await b.enqueueInbox({ message: m('c1', 'm3') });
      const got = await a.claimInbox('c1', A);
      expect(got?.map((e) => [e.message.messageId, e.target])).toEqual([['m1', { channel: 'C1' }], ['m3', undefined]]);
      expect(await b.claimInbox('c1', B)).toBeNull();
      // The same holder renews and reads again; the lease is the one acquireLease renews.
      expect(await a.acquireLease(claimLeaseName('inbox', 'c1'), 'A', 10_000)).toBe(true);
      expect((await a.claimInbox('c1', A))?.map((e) => e.id)).toEqual(got!.map((e) => e.id));
      // Another conversation, and the same conversation's outbox, are other leases.
      expect((await b.claimInbox('c2', B))?.map((e) => e.message.messageId)).toEqual(['m2']);
      expect(await b.claimOutbox('c1', B)).toEqual([]);
    });

    it('says on release whether rows are left, leaving aside the ids it is told to skip', async () => {
      const loc = await create();
      const [a, b] = [await newStore(loc), await newStore(loc)];
      const first = await a.enqueueInbox({ message: m('c1', 'm1') });
      expect(await a.claimInbox('c1', A)).toHaveLength(1);
      await a.runTurn(key('c1', 'm1'), increment('m1'));
      expect(await b.claimInbox('c1', B)).toBeNull();
      // Written by another store while A held the lease: A's release finds it.
      const later = await b.enqueueInbox({ message: m('c1', 'm2') });
      expect(first.id).not.toBe(later.id);
      expect(await a.releaseClaim('inbox', 'c1', 'A')).toBe(true);
      expect(await b.claimInbox('c1', B)).toHaveLength(1);
      expect(await b.releaseClaim('inbox', 'c1', 'B', [later.id!])).toBe(false);
      // Released: A may claim again; a release by a holder that does not have the lease leaves it.
      expect(await a.claimInbox('c1', A)).toHaveLength(1);
      await b.releaseClaim('inbox', 'c1', 'B');
      expect(await b.claimInbox('c1', B)).toBeNull();
    });

    it("gives the outbox lease with the conversation's pending replies only, in order", async () => {
      const loc = await create();
      const [a, b] = [await newStore(loc), await newStore(loc)];
      await a.runTurn(key('c1', 'm1'), two, { target: { channel: 'C1' } });
      await a.runTurn(key('c2', 'm2'), two, { target: { channel: 'C2' } });
      const got = await a.claimOutbox<{ text: string }>('c1', A);
      expect(got?.map((e) => [e.messageId, e.position, e.reply.text, e.target])).toEqual([
        ['m1', 0, 'first', { channel: 'C1' }],
        ['m1', 1, 'second', { channel: 'C1' }],
      ]);
      expect(await b.claimOutbox('c1', B)).toBeNull();
      await a.markDelivered(got![0]!.id);
      expect(await a.releaseClaim('outbox', 'c1', 'A')).toBe(true);
      expect((await b.claimOutbox('c1', B))?.map((e) => e.position)).toEqual([1]);
      await b.markFailed(got![1]!.id, 'HTTP 404', { final: true });
      expect(await b.releaseClaim('outbox', 'c1', 'B')).toBe(false);
      expect(await a.claimOutbox('c1', A)).toEqual([]);
    });

    it('marks the first pending reply attempted with the claim, and the next with a delivered mark; a first id is kept', async () => {
      const loc = await create();
      const [a, b] = [await newStore(loc), await newStore(loc)];
      await a.runTurn(key('c1', 'm1'), two, { target: { channel: 'C1' } });
      await a.runTurn(key('c1', 'm2'), two, { target: { channel: 'C1' } });
      const got = (await a.claimOutbox('c1', A, { attemptId: 'att-1' }))!;
      expect(got.map((e) => e.attemptId)).toEqual(['att-1', undefined, undefined, undefined]);
      expect(await a.markDelivered(got[0]!.id, { id: got[1]!.id, attemptId: 'att-2' })).toBe('att-2');
      expect(await a.releaseClaim('outbox', 'c1', 'A')).toBe(true);
      // Another holder finds the second attempted (it may have landed) and keeps its id.
      const again = (await b.claimOutbox('c1', B, { attemptId: 'att-9' }))!;
      expect(again.map((e) => [e.position, e.attemptId])).toEqual([[1, 'att-2'], [0, undefined], [1, undefined]]);
      expect(await b.markDelivered(again[0]!.id, { id: again[1]!.id, attemptId: 'att-3' })).toBe('att-3');
      expect(await b.markAttempted(again[1]!.id, 'att-4')).toBe('att-3');
      // Without a next reply, or with one no longer pending, nothing else is marked.
      await b.markFailed(again[2]!.id, 'HTTP 404', { final: true });
      expect(await b.markDelivered(again[1]!.id, { id: again[2]!.id, attemptId: 'att-5' })).toBeUndefined();
      expect(await b.markDelivered(again[1]!.id)).toBeUndefined();
      expect(await b.claimOutbox('c1', B)).toEqual([]);
      expect((await b.undeliverable()).map((e) => e.attemptId)).toEqual([undefined]);
    });

    it('hands a drain whose holder stopped renewing to another once its lease expires', async () => {
      const loc = await create();
      const [a, b] = [await newStore(loc), await newStore(loc)];
      await a.runTurn(key('c1', 'm1'), two, { target: { channel: 'C1' } });
      expect(await a.claimOutbox('c1', { holder: 'A', ttlMs: 300 })).toHaveLength(2);
      expect(await b.claimOutbox('c1', B)).toBeNull();
      await new Promise((r) => setTimeout(r, 450));
      expect(await b.claimOutbox('c1', B)).toHaveLength(2);
      expect(await a.claimOutbox('c1', A)).toBeNull();
    });

    it('lets exactly one of many concurrent claimers have a drain', async () => {
      const loc = await create();
      const [a, b] = [await newStore(loc), await newStore(loc)];
      await a.enqueueInbox({ message: m('c1', 'm1') });
      const got = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).claimInbox('c1', { holder: `H${i}`, ttlMs: 10_000 })));
      expect(got.filter((r) => r !== null)).toEqual([[expect.objectContaining({ message: expect.objectContaining({ messageId: 'm1' }) })]]);
    });

    it("frees a forgotten user's drain leases", async () => {
      const a = await newStore();
      await a.runTurn(key('c1', 'm1'), two, { target: { channel: 'C1' } });
      expect(await a.claimOutbox('c1', A)).toHaveLength(2);
      await a.forgetUser('u1');
      expect(await a.claimOutbox('c1', B)).toEqual([]);
    });
  });
}
