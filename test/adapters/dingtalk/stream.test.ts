/**
 * The real DWClient (Wuyin's subclass) against a loopback gateway, stream socket and
 * session-webhook server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLog } from '../../../log.js';
import { createDingTalkAdapter, type DingTalkAdapter } from '../../../adapters/dingtalk/adapter.js';
import { createTestHandler, sleep, waitFor, type TestHandler , withStore } from '../support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from '../support/dingtalk-standin.js';

const CREDS = { clientId: 'ding-client-id', clientSecret: 'ding-client-secret-xyz' };
const logs: string[] = [];
configureLog({ level: 'debug', secrets: [CREDS.clientSecret], sink: (l) => logs.push(l) });

let standin: DingTalkStandIn;
let adapter: DingTalkAdapter;
let th: TestHandler;
const states: string[] = [];

beforeAll(async () => {
  standin = await startDingTalkStandIn(CREDS);
  th = createTestHandler({ slowMs: 300 });
  adapter = createDingTalkAdapter({
    ...withStore(th.handler),
    ...CREDS,
    gatewayUrl: standin.gatewayUrl,
    tokenUrl: standin.tokenUrl,
    apiBase: standin.base,
    rateLimitPerMin: 3,
    reconnect: { initialMs: 50, maxMs: 400 },
    heartbeatMs: 0,
    onState: (s) => states.push(s),
  });
  const r = await adapter.start();
  expect(r.connected).toBe(true);
});

afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
});

const webhooksFor = (m: Record<string, unknown>) => standin.webhooks.filter((w) => m.sessionWebhook === `${standin.base}${w.path}?session=abc`);

describe('dingtalk adapter (real DWClient subclass, loopback gateway)', () => {
  it('opens the connection through the overridden gateway URL, subscribed to the robot topic', () => {
    expect(standin.connections).toBe(1);
    const open = standin.opens[0]!;
    expect(open.body.clientId).toBe(CREDS.clientId);
    expect(open.body.subscriptions).toEqual([{ type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' }]);
    expect(states).toContain('connected');
  });

  it('acks the frame (with its headers.messageId) before replying via the sessionWebhook in markdown', async () => {
    const m = robotMessage(standin, { text: { content: ' slow' } });
    const frameId = standin.sendCallback(m);
    const hook = await waitFor(() => webhooksFor(m)[0], 5000, 'webhook reply');
    const ack = standin.frames.find((f) => f.frame.headers?.messageId === frameId)!;
    expect(ack).toBeDefined();
    expect(ack.frame.code).toBe(200);
    expect(JSON.parse(ack.frame.data!)).toEqual({ response: { status: 'SUCCESS' } });
    expect(ack.seq).toBeLessThan(hook.seq);
    // The handler sleeps 300 ms; the ack did not wait for it.
    expect(hook.at - ack.at).toBeGreaterThanOrEqual(250);
    expect(hook.body).toEqual({ msgtype: 'markdown', markdown: { title: 'You said: slow', text: 'You said: **slow**' } });
    expect(hook.headers['x-acs-dingtalk-access-token']).toBe('access-token-1');
    expect(th.calls.find((c) => c.text === 'slow')).toMatchObject({
      platform: 'dingtalk',
      conversationId: `dingtalk:${m.conversationId}`,
      userId: `dingtalk:${m.senderStaffId}`,
      messageId: `dingtalk:${m.msgId}`,
    });
  });

  it('answers a group @mention in the group, options as numbered tap links', async () => {
    const m = robotMessage(standin, { conversationType: '2', conversationId: 'cid-group-1', text: { content: ' options' }, isInAtList: true });
    standin.sendCallback(m);
    const hook = await waitFor(() => webhooksFor(m)[0], 5000, 'group reply');
    const text = (hook.body.markdown as { text: string }).text;
    expect(text).toContain('### 1.1 集成与存储');
    expect(text).toContain('[1. Siloed](dtmd://dingtalkclient/sendMessage?content=1) — each system keeps its own copy  \n'
      + '[2. Partly integrated](dtmd://dingtalkclient/sendMessage?content=2)  \n[3. Fully integrated](dtmd://dingtalkclient/sendMessage?content=3)');
  });

  it('renders a report chart as unicode bars from the block fallback', async () => {
    const m = robotMessage(standin, { text: { content: 'report' } });
    standin.sendCallback(m);
    const hook = await waitFor(() => webhooksFor(m)[0], 5000, 'report reply');
    const text = (hook.body.markdown as { text: string }).text;
    expect(text).toContain('**数智化成熟度 Maturity**');
    expect(text).toContain('基础设施云化 ███░░ 3');
    expect(text).toContain('> 📖 基础设施云化 › 1.1 集成与存储 › 3级');
  });

  it('answers a duplicated msgId (two frames) once, acking both', async () => {
    const m = robotMessage(standin, { text: { content: 'twice' } });
    const f1 = standin.sendCallback(m);
    const f2 = standin.sendCallback(m);
    await waitFor(() => webhooksFor(m).length > 0, 5000, 'reply');
    await sleep(150);
    expect(webhooksFor(m)).toHaveLength(1);
    expect(th.calls.filter((c) => c.text === 'twice')).toHaveLength(1);
    expect(standin.frames.some((f) => f.frame.headers?.messageId === f1)).toBe(true);
    expect(standin.frames.some((f) => f.frame.headers?.messageId === f2)).toBe(true);
  });

  it('an expired sessionWebhook is not used: the reply goes through the robot OpenAPI, with a warning', async () => {
    const single = robotMessage(standin, { text: { content: 'late single' }, sessionWebhookExpiredTime: Date.now() - 1000 });
    const group = robotMessage(standin, { conversationType: '2', conversationId: 'cid-group-late', text: { content: 'late group' }, sessionWebhookExpiredTime: Date.now() - 1000 });
    standin.sendCallback(single);
    standin.sendCallback(group);
    await waitFor(() => standin.openapi.length >= 2, 5000, 'OpenAPI sends');
    expect(webhooksFor(single)).toHaveLength(0);
    const one = standin.openapi.find((h) => h.path === '/v1.0/robot/oToMessages/batchSend')!;
    expect(one.body).toMatchObject({ robotCode: 'ding-robot-code', userIds: [single.senderStaffId], msgKey: 'sampleMarkdown' });
    expect(JSON.parse(String(one.body.msgParam))).toEqual({ title: 'You said: late single', text: 'You said: **late single**' });
    expect(one.headers['x-acs-dingtalk-access-token']).toBe('access-token-1');
    const grp = standin.openapi.find((h) => h.path === '/v1.0/robot/groupMessages/send')!;
    expect(grp.body).toMatchObject({ openConversationId: 'cid-group-late', robotCode: 'ding-robot-code' });
    expect(logs.some((l) => l.includes('WARN') && l.includes('sessionWebhook expired'))).toBe(true);
  });

  it('a reply that cannot be delivered at all is recorded and logged, not dropped silently', async () => {
    // Expired webhook and no staff id: the OpenAPI cannot address a single-chat user.
    const m = robotMessage(standin, { text: { content: 'nowhere' }, sessionWebhookExpiredTime: Date.now() - 1, senderStaffId: undefined });
    standin.sendCallback(m);
    const rec = await waitFor(() => adapter.undelivered().find((u) => u.conversationId === m.conversationId), 5000, 'undelivered record');
    expect(rec.text).toContain('nowhere');
    expect(rec.reason).toMatch(/senderStaffId/);
    expect(logs.some((l) => l.includes('ERROR') && l.includes('reply undelivered'))).toBe(true);
  });

  it('a webhook that refuses the post falls back to the OpenAPI', async () => {
    const m = robotMessage(standin, { text: { content: 'refused' } });
    const previous = standin.webhookAnswer;
    standin.webhookAnswer = () => ({ status: 200, body: { errcode: 300001, errmsg: 'session expired' } });
    const before = standin.openapi.length;
    standin.sendCallback(m);
    await waitFor(() => standin.openapi.length > before, 5000, 'OpenAPI fallback');
    standin.webhookAnswer = previous;
    expect(webhooksFor(m)).toHaveLength(1);
    expect(JSON.parse(String(standin.openapi.at(-1)!.body.msgParam)).text).toContain('refused');
  });

  it('rate-limits a user with one polite reply', async () => {
    const base = robotMessage(standin);
    const sent = [0, 1, 2, 3, 4].map((i) => robotMessage(standin, { senderStaffId: 'staff-rl', conversationId: base.conversationId, sessionWebhook: base.sessionWebhook, text: { content: `多条消息 ${i}` } }));
    for (const m of sent) standin.sendCallback(m);
    await waitFor(() => webhooksFor(base).length >= 4, 5000, 'replies');
    await sleep(150);
    const texts = webhooksFor(base).map((w) => (w.body.markdown as { text: string }).text);
    expect(texts).toHaveLength(4);
    expect(texts.filter((t) => t.startsWith('You said'))).toHaveLength(3);
    expect(texts.filter((t) => t.includes('每分钟最多 3 条'))).toHaveLength(1);
  });

  it('escapes user text: no links, images, HTML or @all can be forged', async () => {
    const m = robotMessage(standin, { text: { content: '[点我](http://evil.example) ![x](http://img.example/a.png) <a href="http://e">e</a> @所有人 @all' } });
    standin.sendCallback(m);
    const hook = await waitFor(() => webhooksFor(m)[0], 5000, 'reply');
    const text = (hook.body.markdown as { text: string }).text;
    expect(text).not.toMatch(/\]\(|\[|</);
    expect(text).not.toContain('@所有人');
    expect(text).not.toMatch(/@all/);
    expect(text).toContain('［点我］(http://evil.example)');
    expect(text).toContain('**'); // the bot's own bold survives
    expect(hook.body).not.toHaveProperty('at');
  });

  it('malformed frames and payloads are acked and ignored with a log line', async () => {
    standin.sendRaw('this is not json');
    const f1 = standin.sendCallback('{"not": "a robot message"}');
    const f2 = standin.sendCallback('not json either');
    standin.sendRaw(JSON.stringify({ type: 'CALLBACK', headers: { topic: '/v1.0/im/bot/messages/get' }, data: '{}' }));
    await waitFor(() => standin.frames.some((f) => f.frame.headers?.messageId === f2), 3000, 'acks');
    expect(standin.frames.some((f) => f.frame.headers?.messageId === f1)).toBe(true);
    await waitFor(() => logs.filter((l) => l.includes('ignored malformed')).length >= 3, 3000, 'log lines');
    expect(logs.some((l) => l.includes('dingtalk robot message') && l.includes('msgId'))).toBe(true);
    expect(logs.some((l) => l.includes('without headers.messageId'))).toBe(true);
    // Still connected and answering.
    const m = robotMessage(standin, { text: { content: 'after junk' } });
    standin.sendCallback(m);
    await waitFor(() => webhooksFor(m)[0], 5000, 'reply after junk');
  });

  it('reconnects after a dropped socket, with backoff, logging each state', async () => {
    const before = standin.connections;
    standin.dropConnections();
    await waitFor(() => standin.connections > before && adapter.client.state === 'connected', 5000, 'reconnection');
    expect(states.slice(-4)).toEqual(['disconnected', 'reconnecting', 'connecting', 'connected']);
    expect(logs.some((l) => l.includes('WARN') && l.includes('connection disconnected'))).toBe(true);
    expect(logs.some((l) => l.includes('connection reconnecting') && l.includes('inMs'))).toBe(true);
    // The new connection works.
    const m = robotMessage(standin, { text: { content: 'after reconnect' } });
    standin.sendCallback(m);
    await waitFor(() => webhooksFor(m)[0], 5000, 'reply after reconnect');
  });

  it('never logs the client secret', () => {
    expect(logs.join('\n')).not.toContain(CREDS.clientSecret);
  });
});
