/** The honest leads of whitepaper answers: the capability behind a tool-level question, and "nearest" when weak. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/index.js';
import { answerFor, NEAREST_BELOW, passagesLead, questionKind } from '../../bot/qa.js';
import { makeBot } from './helpers.js';

let bot: Bot;
beforeAll(async () => { bot = await makeBot(); });
afterAll(async () => { await bot.close(); });
const deps = () => ({ rubric: bot.rubric, scorer: bot.scorer, retrieval: bot.retriever });

describe('passages leads', () => {
  const tool = '当前admin部署在2台机器上，数据库崩溃该如何处理，想请教一下大家如何实现数据库的高可用和灾备';
  it('name the capability behind a tool-level question, in both languages', () => {
    expect(passagesLead(tool, 'zh', false)).toContain('「业务连续性」');
    expect(passagesLead(tool, 'zh', true)).toContain('最接近');
    expect(passagesLead('Our scheduler is a single point of failure; how do we fail over to a standby replica?', 'en', false)).toContain('业务连续性');
  });

  it('keep the plain lead for a question that reveals no need, and say "nearest" when the score is weak', () => {
    expect(passagesLead('零售目前遇到的瓶颈有哪些？', 'zh', false)).toBe('白皮书中的相关内容：\n');
    expect(passagesLead('零售目前遇到的瓶颈有哪些？', 'zh', true)).toContain('没有直接回答');
    expect(passagesLead('What bottlenecks does retail face?', 'en', true)).toContain('nothing that answers this directly');
  });
});

describe('whitepaper answers end to end', () => {
  it('off-topic chat gets the nearest passages as nearest, not as the answer', async () => {
    const hits = await bot.retriever.search('今天午饭吃什么', { k: 1 });
    expect(hits[0]!.score).toBeLessThan(NEAREST_BELOW);
    const { kind, reply } = await answerFor(deps(), '今天午饭吃什么', 'zh');
    expect(kind).toBe('passages');
    expect(reply.text).toContain('没有直接回答');
    expect(reply.text).not.toContain('白皮书中的相关内容');
  });

  it('a long database question hears it is about 业务连续性 and gets that passage', async () => {
    const q = '当前admin部署在2台机器上，但是数据库连接的都是同一个，那么该数据库崩溃该如何处理。想请教一下大家如何实现数据库的高可用。';
    const { reply } = await answerFor(deps(), q, 'zh');
    expect(reply.text).toContain('背后的能力');
    // The indicator's own passage or one of its levels: both are 1.5 (the settled answers lift the indicator's).
    expect(reply.text).toMatch(/\[1\] (二级指标 )?1\.5 业务连续性/);
  });

  it('an English idiom does not make a question about cases', () => {
    expect(questionKind(bot.rubric, 'The scheduler is a single point of failure: in the case that we lose the host, what then?').kind).not.toBe('case');
    expect(questionKind(bot.rubric, 'What case studies does the whitepaper give?').kind).toBe('case');
    expect(questionKind(bot.rubric, '乳业那个案例讲了什么？').kind).toBe('case');
  });
});
