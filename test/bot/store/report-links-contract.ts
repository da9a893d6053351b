import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportLinkStore } from '../../../bot/store/report-links.js';

/**
 * The report-link contract: the SQLite table and the PostgreSQL one behave alike. The factory gets
 * a clock it can move, and a fresh store each time.
 */
export function reportLinksContract(name: string, factory: (now: () => Date) => Promise<{ links: ReportLinkStore; cleanup?: () => Promise<void> }>) {
  describe(`report links contract: ${name}`, () => {
    let t = new Date('2026-12-01T00:00:00.000Z');
    let made: Awaited<ReturnType<typeof factory>>;
    let links: ReportLinkStore;
    beforeEach(async () => { t = new Date('2026-12-01T00:00:00.000Z'); made = await factory(() => t); links = made.links; });
    afterEach(async () => { await links.close(); await made.cleanup?.(); });
    const DAY = 86_400_000;

    it('resolves a live token, forgets an expired one, says a revoked one was revoked', async () => {
      const a = await links.create({ conversationId: 'c1', userId: 'u1', locale: 'zh' }, DAY);
      const b = await links.create({ conversationId: 'c1', userId: 'u1', locale: 'en' }, 60_000);
      expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await links.lookup(a.token)).toMatchObject({ kind: 'ok', link: { conversationId: 'c1', userId: 'u1', locale: 'zh' } });
      expect((await links.resolve(a.token))!.expiresAt.toISOString()).toBe('2026-12-02T00:00:00.000Z');
      t = new Date(t.getTime() + 61_000);
      expect(await links.lookup(b.token)).toEqual({ kind: 'unknown' });
      expect(await links.revoke(a.token)).toBe(true);
      expect(await links.revoke(a.token)).toBe(false);
      expect(await links.lookup(a.token)).toEqual({ kind: 'revoked', locale: 'zh' });
      expect(await links.resolve(a.token)).toBeUndefined();
      expect(await links.lookup('A'.repeat(43))).toEqual({ kind: 'unknown' });
      expect(await links.lookup('../etc/passwd')).toEqual({ kind: 'unknown' });
    });

    it('answers a near-miss guess of a live token no slower or faster than a random one (only its SHA-256 is looked up)', async () => {
      const { token } = await links.create({ conversationId: 'c1', userId: 'u1', locale: 'zh' }, DAY);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.replace(token.at(-1)!, '');
      const near = (i: number) => token.slice(0, -1) + alphabet[i % alphabet.length];
      const time = async (guess: string) => {
        const t0 = process.hrtime.bigint();
        const r = await links.lookup(guess);
        const ns = Number(process.hrtime.bigint() - t0);
        expect(r).toEqual({ kind: 'unknown' });
        return ns;
      };
      for (let i = 0; i < 50; i++) await time(near(i));
      // Interleaved, so load from other work falls on both alike; medians, so a stray pause does not count.
      const nearNs: number[] = [];
      const randomNs: number[] = [];
      for (let i = 0; i < 400; i++) {
        nearNs.push(await time(near(i)));
        randomNs.push(await time(crypto.randomBytes(32).toString('base64url')));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
      const [a, b] = [median(nearNs), median(randomNs)];
      console.info(`[${name}] lookup median: near-miss ${(a / 1e3).toFixed(1)} µs, random ${(b / 1e3).toFixed(1)} µs`);
      expect(Math.abs(a - b)).toBeLessThan(Math.max(0.25 * Math.max(a, b), 50_000));
    }, 60_000);

    it('revokes by user, by conversation and by the listed id; lists without tokens; forgets a user', async () => {
      const mine = [await links.create({ conversationId: 'c1', userId: 'u1', locale: 'zh' }, DAY), await links.create({ conversationId: 'c2', userId: 'u1', locale: 'zh' }, DAY)];
      const theirs = await links.create({ conversationId: 'c3', userId: 'u2', locale: 'en' }, DAY);
      const listed = await links.list({ userId: 'u1' });
      expect(listed.map((l) => l.conversationId).sort()).toEqual(['c1', 'c2']);
      expect(JSON.stringify(listed)).not.toContain(mine[0]!.token);
      expect(listed.every((l) => /^[0-9a-f]{16}$/.test(l.id))).toBe(true);
      expect(await links.revokeUser('u1')).toBe(2);
      expect(await links.revokeUser('u1')).toBe(0);
      for (const m of mine) expect((await links.lookup(m.token)).kind).toBe('revoked');
      expect((await links.lookup(theirs.token)).kind).toBe('ok');
      const [t3] = await links.list({ userId: 'u2' });
      expect(await links.revokeId('zz')).toBe(0);
      expect(await links.revokeId(t3!.id)).toBe(1);
      expect((await links.lookup(theirs.token)).kind).toBe('revoked');
      expect((await links.list()).find((l) => l.id === t3!.id)!.revokedAt).toBeDefined();
      const again = await links.create({ conversationId: 'c3', userId: 'u2', locale: 'en' }, DAY);
      expect(await links.revokeConversation('c3')).toBe(1);
      expect((await links.lookup(again.token)).kind).toBe('revoked');
      expect(await links.forgetUser('u1')).toBe(2);
      expect(await links.list({ userId: 'u1' })).toEqual([]);
      expect((await links.lookup(mine[0]!.token)).kind).toBe('unknown');
    });
  });
}
