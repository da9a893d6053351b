/**
 * Tap to answer: the real bot behind the real DWClient (Wuyin's subclass) and a loopback gateway.
 * Every step is a tap on a dtmd link of the previous reply, sent back as the user by the stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingTalkAdapter, type DingTalkAdapter } from '../../../adapters/dingtalk/adapter.js';
import { dtmdLink } from '../../../adapters/dingtalk/render.js';
import { SessionStateSchema, type SessionState } from '../../../bot/session.js';
import type { Bot } from '../../../bot/index.js';
import { makeBot } from '../../bot/helpers.js';
import { waitFor } from '../support/handler.js';
import { dtmdLinks, robotMessage, startDingTalkStandIn, tapLink, type DingTalkStandIn } from '../support/dingtalk-standin.js';

const CREDS = { clientId: 'ding-tap-id', clientSecret: 'ding-tap-secret' };
let standin: DingTalkStandIn;
let adapter: DingTalkAdapter;
let bot: Bot;

beforeAll(async () => {
  standin = await startDingTalkStandIn(CREDS);
  bot = await makeBot();
  adapter = createDingTalkAdapter({
    handle: (m, o) => bot.handle(m, o), store: bot.store, ...CREDS, gatewayUrl: standin.gatewayUrl, tokenUrl: standin.tokenUrl, apiBase: standin.base,
    rateLimitPerMin: 100, reconnect: { initialMs: 50, maxMs: 400 }, heartbeatMs: 0,
  });
  expect((await adapter.start()).connected).toBe(true);
});
afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
  await bot?.close();
});

describe('dtmd tap links', () => {
  it('percent-encodes the content as UTF-8, including what would end a markdown link', () => {
    expect(dtmdLink('对')).toBe('dtmd://dingtalkclient/sendMessage?content=%E5%AF%B9');
    expect(dtmdLink('+零售')).toBe('dtmd://dingtalkclient/sendMessage?content=%2B%E9%9B%B6%E5%94%AE');
    expect(dtmdLink("a (b) c! d'*")).toBe('dtmd://dingtalkclient/sendMessage?content=a%20%28b%29%20c%21%20d%27%2A');
    expect(decodeURIComponent(dtmdLink('宫 基础设施云化').split('content=')[1]!)).toBe('宫 基础设施云化');
  });

  it('set-up and a level are answered by taps alone, through the gateway, and the level is recorded', async () => {
    const conv = `cid-tap-${Date.now()}`;
    const first = robotMessage(standin, { conversationId: conv, text: { content: '你好' } });
    const hooksOf = () => standin.webhooks.filter((w) => first.sessionWebhook === `${standin.base}${w.path}?session=abc`);
    let seen = 0;
    const next = async (n = 1) => {
      const hooks = await waitFor(() => hooksOf().length >= seen + n && hooksOf(), 5000, 'replies');
      const texts = hooks.slice(seen).map((h) => (h.body.markdown as { text: string }).text);
      seen = hooks.length;
      return texts;
    };
    const tap = (texts: string[], label: string) => {
      const link = texts.flatMap(dtmdLinks).find((l) => l.label === label);
      if (!link) throw new Error(`no tap "${label}" in ${texts.join('\n---\n')}`);
      tapLink(standin, first, link.url);
    };
    standin.sendCallback(first);
    let texts = await next();
    expect(texts[0]).toContain('第一步');
    tap(texts, '零售'); texts = await next();
    expect(texts[0]).toContain('已选：零售');
    tap(texts, '物流'); texts = await next();
    expect(texts[0]).toContain('已选：零售、物流');
    tap(texts, '完成'); texts = await next(2);
    tap(texts, '1. 快速'); texts = await next(2);
    const question = texts.find((t) => t.includes('1.1 集成与存储'))!;
    expect(question).toBeDefined();
    const three = dtmdLinks(question).find((l) => l.label.startsWith('3. '))!;
    expect(three.url).toBe('dtmd://dingtalkclient/sendMessage?content=3');
    tapLink(standin, first, three.url);
    texts = await next(2);
    expect(texts[0]).toContain('已记录：1.1 集成与存储 3级');
    const state = (await bot.store.getState<SessionState>(`dingtalk:${conv}`, { schema: SessionStateSchema }))!;
    expect(state.elements).toEqual(['retail', 'logistics']);
    expect(state.mode).toBe('quick');
    expect(state.answers['1.1']).toMatchObject({ level: 3, via: 'digit' });
    expect(state.index).toBe(1);
  });

  it('standard by taps: a pick then the mode tap starts it; a pillar\'s held levels are recorded by one 对 tap', async () => {
    const conv = `cid-tap-std-${Date.now()}`;
    const first = robotMessage(standin, { conversationId: conv, text: { content: '你好' } });
    const hooksOf = () => standin.webhooks.filter((w) => first.sessionWebhook === `${standin.base}${w.path}?session=abc`);
    let seen = 0;
    const next = async (n = 1) => {
      const hooks = await waitFor(() => hooksOf().length >= seen + n && hooksOf(), 5000, 'replies');
      const texts = hooks.slice(seen).map((h) => (h.body.markdown as { text: string }).text);
      seen = hooks.length;
      return texts;
    };
    const tap = (texts: string[], label: string) => {
      const link = texts.flatMap(dtmdLinks).find((l) => l.label === label);
      if (!link) throw new Error(`no tap "${label}" in ${texts.join('\n---\n')}`);
      tapLink(standin, first, link.url);
    };
    const type = (content: string) => standin.sendCallback(robotMessage(standin, { ...first, msgId: `typed-${Math.random()}`, text: { content } }));
    standin.sendCallback(first);
    let texts = await next();
    tap(texts, '零售'); texts = await next();
    tap(texts, '标准'); texts = await next(3);
    expect(texts.some((t) => t.includes('1/25'))).toBe(true);
    type('数据都在各个系统里，没有统一存储，经常丢，去年服务器坏了订单数据没了'); texts = await next(2);
    expect(texts[0]).toContain('本部曲答完一起确认');
    // 1.2 … 1.5 by their level taps; after 1.5, the pillar's last, the held levels come back as one list.
    const tapLevel = (n: number) => tapLink(standin, first, texts.flatMap(dtmdLinks).find((l) => l.label.startsWith(`${n}. `))!.url);
    for (const n of [2, 2, 1, 1]) { tapLevel(n); texts = await next(2); }
    expect(texts[1]).toContain('我这样理解');
    tap(texts, '对，全部记录'); texts = await next(2);
    expect(texts[0]).toContain('已记录 2 项');
    const state = (await bot.store.getState<SessionState>(`dingtalk:${conv}`, { schema: SessionStateSchema }))!;
    expect(state.elements).toEqual(['retail']);
    expect(state.mode).toBe('standard');
    expect(state.answers['1.1']).toMatchObject({ level: 1, via: 'confirmed' });
    expect(state.answers['4.1']?.via).toBe('confirmed');
    expect(state.queue[state.index]).toBe('2.1');
  });
});
