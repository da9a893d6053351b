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

  it('after the report, a section word alone (路线图, roadmap) sends that section, as its tap would', async () => {
    for (const [conv, hello, setup, word, heading, tap] of [
      ['bare-zh', '你好', '全部 快速', '路线图', '路线图', '完整报告 路线图'],
      ['bare-en', 'hello', 'all quick', 'Roadmap', 'Roadmap', 'details roadmap'],
    ] as const) {
      const c = chatter(bot, conv);
      await c.send(hello); await c.send(setup);
      for (const d of ['2', '3', '2', '1']) await c.send(d);
      const done = await c.send('2');
      const taps = done.find((r) => r.kind === 'report')!.blocks.flatMap((b) => (b.kind === 'options' ? b.options.map((o) => o.send) : []));
      expect(taps).toContain(tap);
      const before = await state(conv);
      const [typed] = await c.send(word);
      const [tapped] = await c.send(tap);
      expect(typed).toEqual(tapped);
      expect(typed!.blocks[0]).toEqual({ kind: 'heading', text: heading });
      expect(await state(conv)).toEqual(before);
    }
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
    const c = await atFirst('cross');
    const [p] = await c.send('数据都在各个系统里，没有统一存储，经常丢，去年服务器坏了订单数据没了');
    expect(p!.kind).toBe('proposal');
    expect(p!.text).toMatch(/也答了4\.1构建与连通：\d级/);
    const also = (await state('cross')).pending!.kind === 'confirm' ? ((await state('cross')).pending as { also?: Array<{ indicator: string }> }).also : undefined;
    expect(also?.map((x) => x.indicator)).toEqual(['4.1']);
    await c.send('对');
    expect(Object.keys((await state('cross')).answers).sort()).toEqual(['1.1', '4.1']);
    for (let i = 0; i < 2; i++) await c.send('2'); // 2.1, 3.1, then 4.1 is not asked
    expect((await state('cross')).queue[(await state('cross')).index]).toBe('5.2');
  });

  it('standard: confident levels are held and the pillar is confirmed with one 对; the other indicator too', async () => {
    const c = await atFirst('held', '标准');
    const [notice, q] = await c.send('数据都在各个系统里，没有统一存储，经常丢，去年服务器坏了订单数据没了');
    expect(notice!.text).toMatch(/记下 1\.1：1级.*也答了4\.1 \d级.*本部曲答完一起确认/);
    expect(q!.kind).toBe('question');
    let s = await state('held');
    expect(s.answers).toEqual({}); // nothing recorded before the person confirms
    expect(s.held?.map((h) => h.indicator)).toEqual(['1.1', '4.1']);
    expect(s.queue[s.index]).toBe('1.2');
    for (const d of ['1', '2', '1']) await c.send(d); // 1.2 … 1.4
    const replies = await c.send('1'); // 1.5, the pillar's last: the held levels come back as one list
    const list = replies.at(-1)!;
    expect(list.kind).toBe('proposal');
    expect(list.text).toMatch(/1\.1 集成与存储：1级[\s\S]*4\.1 构建与连通：\d级/);
    expect(list.blocks.some((b) => b.kind === 'options' && b.options.some((o) => o.send === '对'))).toBe(true);
    expect((await state('held')).reviewing).toBe(true);
    const after = await c.send('对');
    expect(after[0]!.text).toContain('已记录 2 项');
    expect(after[1]!.kind).toBe('question');
    s = await state('held');
    expect(s.answers['1.1']).toMatchObject({ level: 1, via: 'confirmed', proposed: 1 });
    expect(s.answers['4.1']!.via).toBe('confirmed');
    expect(s.held).toBeUndefined();
    expect(s.queue[s.index]).toBe('2.1');
  });

  it('standard: "1.1 2" at the list corrects one and records the rest; 不对 right after a hold goes back to it', async () => {
    const c = await atFirst('held-fix', '标准');
    await c.send('数据都在各个系统里，没有统一存储，经常丢，去年服务器坏了订单数据没了');
    await c.send('门店网络经常断，总部就一台服务器，高峰期收银系统卡死'); // 1.2
    let s = await state('held-fix');
    const second = s.held!.find((h) => h.indicator === '1.2')!;
    expect(second.level).toBe(1);
    // 不对 is about the level just held: back to 1.2, which level then?
    const [r] = await c.send('不对');
    expect(r!.text).toContain('不是1级');
    s = await state('held-fix');
    expect(s.queue[s.index]).toBe('1.2');
    expect(s.held!.some((h) => h.indicator === '1.2')).toBe(false);
    await c.send('2');
    s = await state('held-fix');
    expect(s.answers['1.2']).toMatchObject({ level: 2, via: 'corrected' });
    expect(s.queue[s.index]).toBe('1.3');
    for (const d of ['2', '1', '1']) await c.send(d);
    expect((await state('held-fix')).reviewing).toBe(true);
    // Anything else shows the list again and changes nothing.
    const before = await state('held-fix');
    await c.send('今天天气不错');
    expect(await state('held-fix')).toEqual(before);
    const [done] = await c.send('1.1 2');
    expect(done!.text).toContain('1.1 改为2级');
    s = await state('held-fix');
    expect(s.answers['1.1']).toMatchObject({ level: 2, via: 'corrected', proposed: 1 });
    expect(s.answers['4.1']?.via).toBe('confirmed');
    expect(s.reviewing).toBeUndefined();
  });

  it('standard: 不对 after another question was answered is about the current question, not the held level', async () => {
    const c = await atFirst('held-later', '标准');
    await c.send('数据都在各个系统里，没有统一存储，经常丢，去年服务器坏了订单数据没了');
    await c.send('2'); // 1.2 by a digit
    const before = await state('held-later');
    const [r] = await c.send('不对');
    expect(r!.text).toContain('更接近哪一级');
    expect(await state('held-later')).toEqual(before);
  });

  it('standard: 返回 to a held level shows it, unrecorded, as a proposal to confirm', async () => {
    const c = await atFirst('held-back', '标准');
    await c.send('数据都在各个系统里，没有统一存储，经常丢，去年服务器坏了订单数据没了');
    const r = await c.say('返回');
    expect(r).toContain('回到 1.1：之前判断是1级（能力缺失），还没记录');
    let s = await state('held-back');
    expect(s.queue[s.index]).toBe('1.1');
    expect(s.pending).toMatchObject({ kind: 'confirm', level: 1 });
    await c.send('对');
    s = await state('held-back');
    expect(s.answers['1.1']!.via).toBe('confirmed');
    expect(s.answers['4.1']!.via).toBe('confirmed');
    expect(s.queue[s.index]).toBe('1.2');
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
