/**
 * The DingTalk access token (and the replies) go only to DingTalk's hosts or the configured
 * gateway origin; stream frames on topics nobody listens to are acknowledged. Real DWClient
 * subclass against the loopback gateway stand-in; a second loopback server plays a foreign host.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingTalkAdapter, type DingTalkAdapter } from '../../../adapters/dingtalk/adapter.js';
import { createHostPolicy } from '../../../adapters/dingtalk/hosts.js';
import { configureLog } from '../../../log.js';
import { createTestHandler, sleep, waitFor, withStore } from '../support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from '../support/dingtalk-standin.js';

const CREDS = { clientId: 'hosts-client', clientSecret: 'hosts-client-secret-xyz' };
const logs: string[] = [];
configureLog({ level: 'debug', secrets: [CREDS.clientSecret], sink: (l) => logs.push(l) });

let standin: DingTalkStandIn;
let adapter: DingTalkAdapter;
let foreign: http.Server;
let foreignBase = '';
const foreignHits: Array<{ path: string; headers: http.IncomingHttpHeaders }> = [];

beforeAll(async () => {
  standin = await startDingTalkStandIn(CREDS);
  foreign = http.createServer((req, res) => {
    foreignHits.push({ path: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
  });
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  foreignBase = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  adapter = createDingTalkAdapter({
    ...withStore(createTestHandler().handler), ...CREDS, gatewayUrl: standin.gatewayUrl, tokenUrl: standin.tokenUrl, apiBase: standin.base,
    rateLimitPerMin: 100, reconnect: { initialMs: 50, maxMs: 400 }, heartbeatMs: 0,
  });
  expect((await adapter.start()).connected).toBe(true);
});
afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
  foreign?.closeAllConnections();
  await new Promise<void>((r) => foreign?.close(() => r()));
});

describe('host allow-list', () => {
  const policy = createHostPolicy(['http://127.0.0.1:4000/v1.0/gateway/connections/open']);
  it.each([
    ['https://oapi.dingtalk.com/robot/sendBySession?session=abc', true],
    ['https://api.dingtalk.com/v1.0/robot/oToMessages/batchSend', true],
    ['http://127.0.0.1:4000/robot/sendBySession/x', true],
    ['http://oapi.dingtalk.com/robot/sendBySession?session=abc', false],
    ['https://oapi.dingtalk.com:8443/robot/sendBySession', false],
    ['https://oapi.dingtalk.com.evil.example/robot', false],
    ['https://evil.example/oapi.dingtalk.com', false],
    ['https://oapi.dingtalk.com@evil.example/robot', false],
    ['https://user:pw@oapi.dingtalk.com/robot', false],
    ['https://xoapi.dingtalk.com/robot', false],
    ['http://127.0.0.1:4001/robot', false],
    ['http://localhost:4000/robot', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => {
    expect(policy.allows(url)).toBe(ok);
  });
});

describe('a sessionWebhook outside the DingTalk hosts', () => {
  it('is never called (so gets no token and no reply); the reply goes through the robot OpenAPI on the trusted host', async () => {
    const m = robotMessage(standin, { text: { content: ' hello' }, sessionWebhook: `${foreignBase}/robot/sendBySession?session=stolen` });
    standin.sendCallback(m);
    const sent = await waitFor(() => standin.openapi.find((h) => (h.body.userIds as string[] | undefined)?.includes(m.senderStaffId as string)), 5000, 'OpenAPI reply');
    expect(sent.headers['x-acs-dingtalk-access-token']).toBe('access-token-1');
    await sleep(100);
    expect(foreignHits).toHaveLength(0);
    expect(logs.some((l) => l.includes('sessionWebhook outside the DingTalk hosts') && l.includes(`127.0.0.1:${new URL(foreignBase).port}`) && !l.includes('stolen'))).toBe(true);
  });

  it('a webhook on the gateway origin still gets the reply with the token', async () => {
    const m = robotMessage(standin, { text: { content: ' hi' } });
    standin.sendCallback(m);
    const hook = await waitFor(() => standin.webhooks.find((w) => m.sessionWebhook === `${standin.base}${w.path}?session=abc`), 5000, 'webhook reply');
    expect(hook.headers['x-acs-dingtalk-access-token']).toBe('access-token-1');
  });
});

describe('stream frames on topics nobody listens to', () => {
  it.each(['/v1.0/card/instances/callback', 'error', '__proto__', 'newListener'])('a CALLBACK on %s is acked and logged by topic name only', async (topic) => {
    const messageId = `unknown-${topic}-${Date.now()}`;
    standin.sendRaw(JSON.stringify({ specVersion: '1.0', type: 'CALLBACK', headers: { messageId, topic, contentType: 'application/json' }, data: JSON.stringify({ text: '用户的话' }) }));
    const ack = await waitFor(() => standin.frames.find((f) => f.frame.headers?.messageId === messageId), 3000, 'ack');
    expect(ack.frame.code).toBe(200);
    expect(JSON.parse(ack.frame.data!)).toEqual({ response: { status: 'SUCCESS' } });
    const line = logs.find((l) => l.includes('topic with no listener') && l.includes(JSON.stringify(topic).slice(1, -1)))!;
    expect(line).toBeDefined();
    expect(line).not.toContain('用户的话');
  });

  it('an EVENT frame is acked the way the SDK acks events', async () => {
    const messageId = `event-${Date.now()}`;
    standin.sendRaw(JSON.stringify({ type: 'EVENT', headers: { messageId, topic: 'chat_update_title', eventType: 'x' }, data: '{}' }));
    const ack = await waitFor(() => standin.frames.find((f) => f.frame.headers?.messageId === messageId), 3000, 'event ack');
    expect(JSON.parse(ack.frame.data!)).toEqual({ status: 'SUCCESS' });
  });

  it('the robot topic is still answered after them', async () => {
    const m = robotMessage(standin, { text: { content: ' after' } });
    standin.sendCallback(m);
    await waitFor(() => standin.webhooks.find((w) => m.sessionWebhook === `${standin.base}${w.path}?session=abc`), 5000, 'reply');
  });
});
