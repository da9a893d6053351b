import { describe, expect, it } from 'vitest';
import type { RateDecision, SessionStore, StoreOptions } from '../../../bot/store/index.js';
import type { StoreLocation } from './contract.js';

/**
 * The contract's part on what processes sharing a store coordinate through it: per-user rate limits
 * and leases. Every case runs on two stores opened on one location, as two replicas would be.
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
}
