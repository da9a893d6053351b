import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestAnswers, type CampaignStore, type NewCampaign } from '../../../bot/team/store.js';
import type { TeamAnswer } from '../../../bot/team/types.js';

/**
 * The campaign store contract: every backend (SQLite, PostgreSQL) runs this suite
 * with its own factory. The factory gets a fresh, empty store each time.
 */
export function campaignStoreContract(name: string, factory: () => Promise<{ store: CampaignStore; reopen?: () => Promise<CampaignStore>; cleanup?: () => Promise<void> }>) {
  describe(`campaign store contract: ${name}`, () => {
    let store: CampaignStore;
    let made: Awaited<ReturnType<typeof factory>>;
    beforeEach(async () => { made = await factory(); store = made.store; });
    afterEach(async () => { await store.close(); await made.cleanup?.(); });

    const T0 = '2026-12-01T10:00:00.000Z';
    const input = (over: Partial<NewCampaign> = {}): NewCampaign => ({
      org: { name: '蒙牛示例', sector: '乳制品' }, plan: { mode: 'quick', elements: ['retail'] }, roles: ['IT', '门店'],
      minGroup: 3, owners: ['slack:T:OWNER'], code: 'ABC-7KQ2-X4M', codeExpiresAt: '2027-01-01T00:00:00.000Z', at: T0, ...over,
    });
    const answer = (over: Partial<TeamAnswer>): TeamAnswer => ({
      campaignId: 'x', userId: 'u1', indicator: '1.1', level: 3, via: 'digit', confidence: 1,
      evidence: { answer: '部分上云', descriptor: 'd' }, scorerVersion: 'offline-1', rubricHash: 'h', recordedAt: T0, ...over,
    });

    it('creates a campaign with its organisation and code, and finds it again', async () => {
      const { campaign, org, code } = await store.createCampaign(input());
      expect(campaign).toMatchObject({ wave: 1, status: 'open', minGroup: 3, roles: ['IT', '门店'], plan: { mode: 'quick', elements: ['retail'] } });
      expect(org).toMatchObject({ name: '蒙牛示例', sector: '乳制品' });
      expect(code).toMatchObject({ code: 'ABC-7KQ2-X4M', campaignId: campaign.id });
      expect(await store.campaign(campaign.id)).toEqual({ campaign, org });
      expect(await store.campaign('nope')).toBeUndefined();
      const second = await store.createCampaign(input({ code: 'ZZZ-0000-001' }));
      expect(second.org.id).toBe(org.id);
      expect((await store.listCampaigns()).map((c) => c.campaign.id)).toEqual([campaign.id, second.campaign.id]);
      expect(await store.listCampaigns('someone-else')).toEqual([]);
    });

    it('looks codes up: unknown, expired, revoked, closed, ok', async () => {
      const { campaign } = await store.createCampaign(input());
      expect((await store.lookupCode('ABC-7KQ2-X4M', T0)).kind).toBe('ok');
      expect((await store.lookupCode('ABC-7KQ2-X4N', T0)).kind).toBe('unknown');
      expect((await store.lookupCode('ABC-7KQ2-X4M', '2027-02-01T00:00:00.000Z')).kind).toBe('expired');
      expect(await store.closeCampaign(campaign.id, T0)).toBe(true);
      expect(await store.closeCampaign(campaign.id, T0)).toBe(false);
      expect((await store.lookupCode('ABC-7KQ2-X4M', T0)).kind).toBe('closed');
      expect(await store.revokeCode('ABC-7KQ2-X4M', T0)).toBe(true);
      expect((await store.lookupCode('ABC-7KQ2-X4M', T0)).kind).toBe('revoked');
    });

    it('opens the next wave from the same plan, linked to the previous, which closes', async () => {
      const { campaign } = await store.createCampaign(input());
      const next = await store.createWave(campaign.id, 'NXT-0000-002', '2028-01-01T00:00:00.000Z', '2027-12-01T00:00:00.000Z');
      expect(next.campaign).toMatchObject({ wave: 2, previousId: campaign.id, plan: campaign.plan, roles: campaign.roles, owners: campaign.owners, status: 'open' });
      expect((await store.campaign(campaign.id))!.campaign.status).toBe('closed');
      expect((await store.codesOf(next.campaign.id)).map((c) => c.code)).toEqual(['NXT-0000-002']);
      await expect(store.createWave('nope', 'Q', 'x', T0)).rejects.toThrow();
    });

    it('keeps respondents (role updated, first join kept) and append-only answers, newest counting', async () => {
      const { campaign } = await store.createCampaign(input());
      const cid = campaign.id;
      await store.upsertRespondent({ campaignId: cid, userId: 'u1', role: 'IT', joinedAt: T0 });
      await store.upsertRespondent({ campaignId: cid, userId: 'u1', role: '门店', department: '华东', joinedAt: '2026-12-02T00:00:00.000Z' });
      expect(await store.respondents(cid)).toEqual([{ campaignId: cid, userId: 'u1', role: '门店', department: '华东', joinedAt: T0 }]);
      await store.appendAnswer(answer({ campaignId: cid, level: 2 }));
      await store.appendAnswer(answer({ campaignId: cid, level: 4, via: 'corrected', proposedLevel: 3, recordedAt: '2026-12-01T11:00:00.000Z' }));
      await store.appendAnswer(answer({ campaignId: cid, userId: 'u2', indicator: '2.1' }));
      const all = await store.answers(cid);
      expect(all).toHaveLength(3);
      expect(all[1]).toMatchObject({ level: 4, via: 'corrected', proposedLevel: 3, scorerVersion: 'offline-1', rubricHash: 'h' });
      expect(await store.answers(cid, 'u2')).toHaveLength(1);
      expect(latestAnswers(all).get('u1')!.get('1.1')!.level).toBe(4);
      await expect(store.appendAnswer(answer({ campaignId: cid, level: 9 as never }))).rejects.toThrow();
      expect(await store.answers(cid)).toHaveLength(3);
    });

    it('keeps a withdrawal as a newer record: the indicator is then unanswered until answered again', async () => {
      const { campaign } = await store.createCampaign(input());
      const cid = campaign.id;
      await store.appendAnswer(answer({ campaignId: cid, level: 2 }));
      await store.appendAnswer(answer({ campaignId: cid, level: 2, withdrawn: true }));
      const all = await store.answers(cid);
      expect(all.map((a) => a.withdrawn ?? false)).toEqual([false, true]);
      expect(latestAnswers(all).get('u1')!.has('1.1')).toBe(false);
      await store.appendAnswer(answer({ campaignId: cid, level: 4 }));
      expect(latestAnswers(await store.answers(cid)).get('u1')!.get('1.1')!.level).toBe(4);
    });

    it('keeps overrides beside the original answer', async () => {
      const { campaign } = await store.createCampaign(input());
      await store.appendAnswer(answer({ campaignId: campaign.id, level: 2 }));
      await store.addOverride({ campaignId: campaign.id, userId: 'u1', indicator: '1.1', level: 4, by: 'slack:T:OWNER', reason: '现场看到了统一平台', at: T0 });
      expect(await store.overrides(campaign.id)).toEqual([{ campaignId: campaign.id, userId: 'u1', indicator: '1.1', level: 4, by: 'slack:T:OWNER', reason: '现场看到了统一平台', at: T0 }]);
      expect((await store.answers(campaign.id))[0]!.level).toBe(2);
      await expect(store.addOverride({ campaignId: campaign.id, userId: 'u1', indicator: '1.1', level: 4, by: 'x', reason: '', at: T0 })).rejects.toThrow();
    });

    it('counts wrong join codes once per message id', async () => {
      await store.recordJoinFailure('u1', 'm1', T0);
      await store.recordJoinFailure('u1', 'm1', T0);
      await store.recordJoinFailure('u1', 'm2', '2026-12-01T11:00:00.000Z');
      await store.recordJoinFailure('u2', 'm3', T0);
      expect(await store.joinFailuresSince('u1', T0)).toBe(2);
      expect(await store.joinFailuresSince('u1', '2026-12-01T10:30:00.000Z')).toBe(1);
    });

    it('forgets a user in every campaign and leaves the others', async () => {
      const a = await store.createCampaign(input());
      const b = await store.createWave(a.campaign.id, 'NXT-0000-002', '2028-01-01T00:00:00.000Z', T0);
      for (const c of [a.campaign.id, b.campaign.id]) {
        for (const u of ['u1', 'u2']) {
          await store.upsertRespondent({ campaignId: c, userId: u, role: 'IT', joinedAt: T0 });
          await store.appendAnswer(answer({ campaignId: c, userId: u }));
        }
        await store.addOverride({ campaignId: c, userId: 'u1', indicator: '1.1', level: 5, by: 'o', reason: 'r', at: T0 });
      }
      await store.recordJoinFailure('u1', 'm1', T0);
      expect(await store.forgetUser('u1')).toEqual({ respondents: 2, answers: 2, overrides: 2, joinAttempts: 1 });
      for (const c of [a.campaign.id, b.campaign.id]) {
        expect((await store.respondents(c)).map((r) => r.userId)).toEqual(['u2']);
        expect((await store.answers(c)).map((r) => r.userId)).toEqual(['u2']);
        expect(await store.overrides(c)).toEqual([]);
      }
      expect(await store.joinFailuresSince('u1', T0)).toBe(0);
    });

    it('keeps everything across a reopen', async () => {
      if (!made.reopen) return;
      const { campaign } = await store.createCampaign(input());
      await store.appendAnswer(answer({ campaignId: campaign.id }));
      await store.close();
      store = await made.reopen();
      expect((await store.campaign(campaign.id))!.campaign.id).toBe(campaign.id);
      expect(await store.answers(campaign.id)).toHaveLength(1);
    });
  });
}
