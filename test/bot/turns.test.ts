import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/index.js';
import { SessionStateSchema, type SessionState } from '../../bot/session.js';
import { chatter, makeBot } from './helpers.js';

/**
 * Every state change is a deduplicated turn: a redelivered 重新开始 (or forget, or set-up) is answered
 * from the store and changes nothing; 重新开始 after a finished assessment asks first and keeps the
 * assessment readable; the stored answers always equal the state's answers.
 */
let bot: Bot;
beforeAll(async () => { bot = await makeBot(); });
afterAll(async () => { await bot.close(); });
const state = async (conv: string) => (await bot.store.getState<SessionState>(conv, { schema: SessionStateSchema }))!;
const say = (conv: string, id: string, text: string) => bot.handle({ platform: 'test', conversationId: conv, userId: 'u1', messageId: id, text });
const joined = async (conv: string, id: string, text: string) => (await say(conv, id, text)).map((r) => r.text).join('\n');

describe('restart as a turn', () => {
  it('a redelivered 重新开始 gets its original replies and keeps the progress made after it', async () => {
    for (const [i, t] of ['开始', '全部', '1', '3'].entries()) await say('re', `re-${i}`, t);
    const first = await joined('re', 're-restart', '重新开始');
    expect(first).toContain('已重新开始');
    for (const [i, t] of ['全部', '1', '4', '2'].entries()) await say('re', `re-after-${i}`, t);
    const before = await state('re');
    expect(Object.keys(before.answers)).toHaveLength(2);
    // Slack retries the restart event.
    expect(await joined('re', 're-restart', '重新开始')).toBe(first);
    expect(await state('re')).toEqual(before);
    expect((await bot.store.answers('re')).map((a) => a.indicator).sort()).toEqual(Object.keys(before.answers).sort());
  });

  it('after a finished assessment asks to confirm, keeps it as a past assessment, and shows it as the last report', async () => {
    const c = chatter(bot, 'fin');
    await c.say('开始'); await c.say('全部'); await c.say('1');
    for (let i = 0; i < 5; i++) await c.say(String((i % 5) + 1));
    expect((await state('fin')).phase).toBe('done');
    const done = await state('fin');

    expect(await c.say('重新开始')).toContain('确认重新开始吗');
    expect((await state('fin')).phase).toBe('done');
    // Anything else cancels: the assessment stays as it was.
    await c.say('进度');
    expect({ ...(await state('fin')), restartAsked: undefined }).toEqual({ ...done, restartAsked: undefined });
    expect(await c.say('重新开始')).toContain('确认重新开始吗');
    expect(await c.say('确认')).toContain('已重新开始');
    expect((await state('fin')).phase).toBe('elements');
    expect(await bot.store.answers('fin')).toEqual([]);

    const past = await bot.store.pastAssessments('fin', { schema: SessionStateSchema });
    expect(past).toHaveLength(1);
    expect(past[0]!.state.answers).toEqual(done.answers);
    const last = await c.say('上次的报告');
    expect(last).toContain('上次的评估');
    expect((await state('fin')).phase).toBe('elements');
  });

  it('says so when there is no past assessment', async () => {
    expect(await joined('nopast', 'np-1', 'last report')).toMatch(/no past assessment/);
  });
});

describe('forget and begin as turns', () => {
  it('a redelivered forget is answered again and deletes nothing of what came after', async () => {
    await say('fg', 'fg-1', '开始');
    const first = await joined('fg', 'fg-forget', '删除我的数据');
    expect(first).toContain('已删除你的全部数据');
    await say('fg', 'fg-2', '开始');
    await say('fg', 'fg-3', '全部');
    const after = await state('fg');
    expect(await joined('fg', 'fg-forget', '删除我的数据')).toBe(first);
    expect(await state('fg')).toEqual(after);
  });

  it('a repeated begin keeps the interview it started', async () => {
    const key = { platform: 'test' as const, conversationId: 'bg', userId: 'u1', messageId: 'bg-setup' };
    await bot.begin(key, { mode: 'quick' });
    await say('bg', 'bg-1', '3');
    const after = await state('bg');
    await bot.begin(key, { mode: 'quick' });
    expect(await state('bg')).toEqual(after);
  });
});

describe('stored answers', () => {
  it('equal the state’s answers after random digits, corrections, skips, backs and restarts', async () => {
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const moves = ['1', '2', '3', '4', '5', '跳过', '返回', '返回', '重新开始', '确认', '全部', '1'];
    for (let conv = 0; conv < 4; conv++) {
      const c = `rand-${conv}`;
      await say(c, `${c}-a`, '开始'); await say(c, `${c}-b`, '全部'); await say(c, `${c}-c`, '2');
      for (let i = 0; i < 60; i++) {
        await say(c, `${c}-${i}`, moves[rnd(moves.length)]!);
        const s = await state(c);
        const fromState = Object.entries(s.answers).map(([id, a]) => `${id}:${a!.level}`).sort();
        const fromTable = (await bot.store.answers(c)).map((a) => `${a.indicator}:${a.level}`).sort();
        expect(fromTable).toEqual(fromState);
      }
    }
  });
});
