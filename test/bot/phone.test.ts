/** Natural replies, whitepaper question kinds, cross-indicator answers and growing an interview. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/index.js';
import { questionKind } from '../../bot/qa.js';
import { SessionStateSchema, type SessionState } from '../../bot/session.js';
import { chatter, makeBot } from './helpers.js';

let bot: Bot;
beforeAll(async () => { bot = await makeBot(); });
afterAll(async () => { await bot.close(); });
const state = async (conv: string) => (await bot.store.getState<SessionState>(conv, { schema: SessionStateSchema }))!;
const atFirst = async (conv: string, mode = '快速') => { const c = chatter(bot, conv); await c.send('开始'); await c.send('全部'); await c.send(mode); return c; };

describe('natural replies', () => {
  for (const no of ['不对', '不是', '错了', '改']) {
    it(`${no} after a proposal asks which level, with taps, and records nothing`, async () => {
      const c = await atFirst(`deny-${no}`);
      await c.send('数据都散在各部门自己的电脑里，没有统一存储，去年硬盘坏了丢了半年的订单数据');
      const before = (await state(`deny-${no}`));
      expect(before.pending?.kind).toBe('confirm');
      const [r] = await c.send(no);
      expect(r!.text).toContain('更接近哪一级');
      expect(r!.blocks.some((b) => b.kind === 'options' && b.options.length === 4)).toBe(true);
      expect((await state(`deny-${no}`))).toEqual(before);
      expect(await c.say('3')).toContain('已记录：1.1 集成与存储 3级');
    });
  }

  for (const [text, who] of [['不清楚', undefined], ['不知道', undefined], ['不归我管', undefined], ['这个不清楚，IT部门管的', 'IT部门']] as const) {
    it(`"${text}" offers to skip${who ? ' and names who might know' : ''}, changing nothing`, async () => {
      const conv = `unsure-${text}`;
      const c = await atFirst(conv);
      const before = (await state(conv));
      const [r] = await c.send(text);
      expect(r!.text).toContain('可以先跳过');
      if (who) expect(r!.text).toContain(who);
      expect(r!.text).not.toContain('拿不准');
      expect((await state(conv))).toEqual(before);
    });
  }

  it('a question without a question mark is answered, not scored', async () => {
    const c = await atFirst('noqmark');
    const [r] = await c.send('宫商角徵羽分别代表什么');
    expect(r!.kind).toBe('answer');
    expect(r!.text).toContain('羽 决策智能化');
    expect((await state('noqmark')).answers).toEqual({});
  });

  it('返回 shows the answer being changed', async () => {
    const c = await atFirst('back');
    await c.send('3');
    const r = await c.say('返回');
    expect(r).toContain('之前记录的是3级（浅层应用）');
    expect((await state('back')).index).toBe(0);
    expect(await c.say('对')).toContain('保留：3级');
    expect((await state('back')).index).toBe(1);
  });
});

describe('question kinds', () => {
  const rubric = () => bot.rubric;
  it('reads the kind of a question the same way in Chinese and English', () => {
    const pairs: Array<[string, string, string]> = [
      ['什么是数据中台？', 'What is a data middle platform?', 'definition'],
      ['五部曲是什么？', 'What are the five pillars?', 'pillars'],
      ['乳业那个案例讲了什么？', 'What does the dairy case study say?', 'case'],
      ['智能补货有什么方案？', 'What solutions are there for smart replenishment?', 'solution'],
    ];
    for (const [zh, en, kind] of pairs) {
      expect(questionKind(rubric(), zh).kind, zh).toBe(kind);
      expect(questionKind(rubric(), en).kind, en).toBe(kind);
    }
  });

  it('a term the whitepaper names but never defines: says so, and where it appears', async () => {
    const c = chatter(bot, 'qa-def');
    const [r] = await c.send('什么是数据中台？');
    expect(r!.text).toContain('白皮书没有给出「数据中台」的定义');
    expect(r!.text).toContain('解决方案矩阵');
  });

  it('a pillar has its own definition', async () => {
    const [r] = await chatter(bot, 'qa-def2').send('什么是业务在线化？');
    expect(r!.text).toContain('业务能力服务化');
  });

  it('cases: titles only, the matching one named', async () => {
    const [r] = await chatter(bot, 'qa-case').send('乳业那个案例讲了什么？');
    expect(r!.text).toMatch(/案例1「国内某大型乳业集团」.*只给出了/);
  });

  it('solutions by theme: whole matrix names, nothing unrelated, one short citation line', async () => {
    const [r] = await chatter(bot, 'qa-sol').send('智能补货有什么方案？');
    expect(r!.text).toContain('库存平衡中心方案');
    expect(r!.text).not.toMatch(/景区|灯检|、智能/);
    const cites = r!.blocks.filter((b) => b.kind === 'citations').flatMap((b) => (b.kind === 'citations' ? b.items : []));
    expect(cites).toHaveLength(1);
    expect(cites[0]!.excerpt).toBeUndefined();
  });
});

describe('fewer questions', () => {
  it('an answer that also speaks to a later indicator proposes both; one 对 records both, and that one is not asked', async () => {
    const c = await atFirst('cross', '标准');
    const [p] = await c.send('数据都在各个系统里，没有统一存储，经常丢，去年服务器坏了订单数据没了');
    expect(p!.kind).toBe('proposal');
    expect(p!.text).toMatch(/也答了4\.1构建与连通：\d级/);
    const also = (await state('cross')).pending!.kind === 'confirm' ? ((await state('cross')).pending as { also?: Array<{ indicator: string }> }).also : undefined;
    expect(also?.map((x) => x.indicator)).toEqual(['4.1']);
    await c.send('对');
    expect(Object.keys((await state('cross')).answers).sort()).toEqual(['1.1', '4.1']);
    for (let i = 0; i < 14; i++) await c.send('2'); // 1.2 … 3.5
    expect((await state('cross')).queue[(await state('cross')).index]).toBe('4.2');
  });

  it('a quick interview grows into a standard one, keeping its answers', async () => {
    const c = await atFirst('grow');
    for (const d of ['2', '3', '2', '4']) await c.send(d);
    const done = await c.send('3');
    expect(done.some((r) => r.blocks.some((b) => b.kind === 'options' && b.options.some((o) => o.send === '继续标准评估')))).toBe(true);
    expect((await state('grow')).phase).toBe('done');
    const r = await c.say('继续标准评估');
    expect(r).toContain('已答的5题保留，还有20题');
    const s = (await state('grow'));
    expect(s.mode).toBe('standard');
    expect(s.queue).toHaveLength(25);
    expect(s.queue[s.index]).toBe('1.2');
    expect(s.answers['2.1']!.level).toBe(3);
  });
});
