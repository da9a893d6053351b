import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../../knowledge/load.js';
import { teamStep, type TeamContext } from '../../../bot/team/flow.js';
import type { Campaign, Organisation } from '../../../bot/team/types.js';
import type { SessionState } from '../../../bot/session.js';

const rubric = loadRubric();
const NOW = '2026-12-01T10:00:00.000Z';
const campaign: Campaign = { id: 'c1', orgId: 'o1', wave: 1, plan: { mode: 'focus', pillar: 2, elements: ['retail'] }, roles: ['IT', '门店'], minGroup: 3, owners: ['o'], status: 'open', createdAt: NOW };
const org: Organisation = { id: 'o1', name: '示例乳业', createdAt: NOW };
const joined: TeamContext = { now: NOW, join: { kind: 'ok', code: { code: 'ABC-7KQ2-X4M', campaignId: 'c1', createdAt: NOW, expiresAt: '2027-01-01' }, campaign, org } };
const text = (r: ReturnType<typeof teamStep>) => r!.replies.map((x) => x.text).join('\n');

describe('teamStep (pure over state, text and the looked-up context)', () => {
  it('join → numbered roles → the plan at once', () => {
    const a = teamStep(rubric, undefined, '加入 ABC-7KQ2-X4M', joined, 'zh')!;
    expect(a.state.team).toEqual({ campaignId: 'c1', org: '示例乳业', wave: 1, roles: ['IT', '门店'], joinedAt: NOW });
    expect(text(a)).toContain('1. IT');
    expect(text(a)).toContain('2. 门店');
    const bad = teamStep(rubric, a.state, '7', { now: NOW, campaign }, 'zh')!;
    expect(bad.state).toBe(a.state);
    const b = teamStep(rubric, a.state, '2', { now: NOW, campaign }, 'zh')!;
    expect(b.state).toMatchObject({ phase: 'interview', mode: 'focus', focusPillar: 2, queue: ['2.1', '2.2', '2.3', '2.4', '2.5'], elements: ['retail'], team: { role: '门店' } });
    expect(text(b)).toContain('2.1');
    // By name works too.
    expect(teamStep(rubric, a.state, 'it', { now: NOW, campaign }, 'zh')!.state.team!.role).toBe('IT');
    // Anything else in the interview is the ordinary interview's business.
    expect(teamStep(rubric, b.state, '3', { now: NOW, campaign }, 'zh')).toBeUndefined();
  });

  it('wrong, expired and limited codes change nothing and say why', () => {
    const prev = teamStep(rubric, undefined, '加入 ABC-7KQ2-X4M', joined, 'zh')!.state;
    for (const [kind, words] of [['unknown', '不对'], ['expired', '过期'], ['revoked', '停用'], ['closed', '结束'], ['limited', '太多'], ['malformed', '格式']] as const) {
      const r = teamStep(rubric, prev, '加入 AAA-BBBB-CCC', { now: NOW, join: { kind } }, 'zh')!;
      expect(r.state).toBe(prev);
      expect(text(r)).toContain(words);
    }
  });

  it('a closed campaign takes no more answers but still shows the report; 修改 1.1 revises while open', () => {
    const a = teamStep(rubric, undefined, '加入 ABC-7KQ2-X4M', joined, 'zh')!;
    const b = teamStep(rubric, a.state, '1', { now: NOW, campaign }, 'zh')!;
    const done: SessionState = { ...b.state, phase: 'done', index: 5 };
    const closed = { now: NOW, campaign: { ...campaign, status: 'closed' as const } };
    const refused = teamStep(rubric, done, '修改 2.3', closed, 'zh')!;
    expect(refused.state).toBe(done);
    expect(text(refused)).toContain('已结束');
    expect(teamStep(rubric, done, '报告', closed, 'zh')).toBeUndefined();
    const rev = teamStep(rubric, done, '修改 2.3', { now: NOW, campaign }, 'zh')!;
    expect(rev.state).toMatchObject({ phase: 'interview', index: 2 });
    expect(text(teamStep(rubric, done, '修改 1.1', { now: NOW, campaign }, 'zh'))).toContain('不在');
  });
});
