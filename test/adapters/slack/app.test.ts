/**
 * The real Bolt app in HTTP mode on a loopback port, talking to a loopback stand-in of
 * the Slack Web API. Requests are signed exactly like Slack signs them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLog } from '../../../log.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import { createTestHandler, sleep, waitFor, type TestHandler , withStore } from '../support/handler.js';
import { BOT, blockTexts, postSigned, slackSignature, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

const SECRET = 'test-signing-secret-0123456789';
const TOKEN = 'xoxb-test-token-0123456789';
const logs: string[] = [];
configureLog({ level: 'debug', secrets: [SECRET, TOKEN], sink: (l) => logs.push(l) });

let standin: SlackStandIn;
let adapter: SlackAdapter;
let th: TestHandler;
let events: string;
let evSeq = 0;

function eventBody(event: Record<string, unknown>, eventId = `Ev${++evSeq}`): string {
  return JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: 1700000000, event });
}
function dm(channel: string, text: string, extra: Record<string, unknown> = {}) {
  const ts = `1700000000.${String(++evSeq).padStart(6, '0')}`;
  return { type: 'message', channel, channel_type: 'im', user: 'U1', text, ts, client_msg_id: `cm-${evSeq}`, team: 'T1', ...extra };
}
const post = (body: string, extra: Partial<Parameters<typeof postSigned>[2]> = {}) => postSigned(events, body, { secret: SECRET, ...extra });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

beforeAll(async () => {
  standin = await startSlackStandIn();
  th = createTestHandler({ slowMs: 800 });
  adapter = createSlackAdapter({ ...withStore(th.handler), botToken: TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: standin.apiUrl, webApiRetries: 0, rateLimitPerMin: 100 });
  const { port } = await adapter.start();
  events = `http://127.0.0.1:${port}/slack/events`;
});

afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
});

describe('slack adapter over HTTP (real Bolt, loopback Web API)', () => {
  it('verifies the token with auth.test and answers a DM in the DM', async () => {
    expect(standin.calls.some((c) => c.method === 'auth.test')).toBe(true);
    const res = await post(eventBody(dm('D100', 'hello there')));
    expect(res.status).toBe(200);
    const [p] = await waitFor(() => standin.posts('D100').length > 0 && standin.posts('D100'), 5000, 'DM reply');
    expect(p!.params.thread_ts).toBeUndefined();
    expect(JSON.stringify(p!.params.blocks)).toContain('You said: *hello there*');
    const msg = th.calls.find((m) => m.text === 'hello there')!;
    expect(msg).toMatchObject({ platform: 'slack', conversationId: 'slack:T1:D100', userId: 'slack:T1:U1' });
    expect(msg.messageId).toMatch(/^slack:cm-/);
  });

  it('answers an @mention in a thread and strips the mention', async () => {
    const ts = '1700000100.000100';
    await post(eventBody({ type: 'app_mention', channel: 'C200', user: 'U2', text: `<@${BOT.userId}> what is 数智化?`, ts, team: 'T1' }));
    const [p] = await waitFor(() => standin.posts('C200').length > 0 && standin.posts('C200'), 5000, 'mention reply');
    expect(p!.params.thread_ts).toBe(ts);
    const msg = th.calls.find((m) => m.conversationId === `slack:T1:C200:${ts}:user:U2`)!;
    expect(msg.text).toBe('what is 数智化?');
  });

  it('a reply inside an existing thread stays in that thread (each person in the thread has their own interview)', async () => {
    const root = '1700000200.000100';
    await post(eventBody({ type: 'app_mention', channel: 'C201', user: 'U2', text: `<@${BOT.userId}> next`, ts: '1700000201.000100', thread_ts: root }));
    const [p] = await waitFor(() => standin.posts('C201').length > 0 && standin.posts('C201'), 5000, 'thread reply');
    expect(p!.params.thread_ts).toBe(root);
    expect(th.calls.some((m) => m.conversationId === `slack:T1:C201:${root}:user:U2`)).toBe(true);
  });

  it('acknowledges /wuyin at once, then replies through response_url', async () => {
    const body = form({
      command: '/wuyin', text: 'slow', user_id: 'U3', channel_id: 'C300', team_id: 'T1', trigger_id: 'trig-1',
      response_url: `${standin.base}/respond/slash-1`, token: 'x',
    });
    const res = await post(body, { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    const ackedAt = Date.now();
    // The handler sleeps 800 ms: the HTTP ack must not have waited for it.
    expect(th.done.some((m) => m.messageId === 'slack:cmd:trig-1')).toBe(false);
    const r = await waitFor(() => standin.responses.find((x) => x.path === '/respond/slash-1'), 5000, 'slash response');
    expect(r.at).toBeGreaterThanOrEqual(ackedAt);
    expect(r.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(r.body.blocks)).toContain('You said: *slow*');
    const msg = th.calls.find((m) => m.messageId === 'slack:cmd:trig-1')!;
    expect(msg.conversationId).toBe('slack:T1:C300:user:U3');
  });

  it('/wuyin with no text asks for help', async () => {
    await post(form({ command: '/wuyin', text: '', user_id: 'U3', channel_id: 'D301', team_id: 'T1', trigger_id: 'trig-2', response_url: `${standin.base}/respond/slash-2` }), {
      contentType: 'application/x-www-form-urlencoded',
    });
    const r = await waitFor(() => standin.responses.find((x) => x.path === '/respond/slash-2'), 5000, 'slash response');
    expect(r.body.response_type).toBe('in_channel');
    expect(th.calls.find((m) => m.messageId === 'slack:cmd:trig-2')).toMatchObject({ text: 'help', conversationId: 'slack:T1:D301' });
  });

  it('renders options as buttons, and a click feeds the option value into the same thread', async () => {
    const root = '1700000400.000100';
    await post(eventBody({ type: 'app_mention', channel: 'C400', user: 'U4', text: `<@${BOT.userId}> options`, ts: root }));
    const [p] = await waitFor(() => standin.posts('C400').length > 0 && standin.posts('C400'), 5000, 'options reply');
    const blocks = p!.params.blocks as Array<{ type: string; elements?: Array<{ type: string; value: string; action_id: string }> }>;
    const actions = blocks.find((b) => b.type === 'actions')!;
    expect(actions.elements!.map((e) => e.value)).toEqual(['1', '2', '3']);
    const button = actions.elements![2]!;

    const payload = {
      type: 'block_actions', token: 'x', api_app_id: 'A1', trigger_id: 'trig-3',
      user: { id: 'U4', team_id: 'T1' }, team: { id: 'T1' }, channel: { id: 'C400' },
      container: { type: 'message', message_ts: '1800000000.000009', channel_id: 'C400', is_ephemeral: false },
      message: { ts: '1800000000.000009', thread_ts: root, type: 'message' },
      response_url: `${standin.base}/respond/action-1`,
      actions: [{ type: 'button', action_id: button.action_id, block_id: 'b', value: button.value, action_ts: '1700000401.1' }],
    };
    const res = await post(form({ payload: JSON.stringify(payload) }), { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    await waitFor(() => standin.posts('C400').length > 1, 5000, 'reply to the click');
    const click = th.calls.find((m) => m.messageId === 'slack:action:U4:1700000401.1')!;
    expect(click).toMatchObject({ text: '3', conversationId: `slack:T1:C400:${root}:user:U4`, userId: 'slack:T1:U4' });
    expect(standin.posts('C400')[1]!.params.thread_ts).toBe(root);
  });

  it('rejects a forged signature with 401 and never calls the handler', async () => {
    const before = th.calls.length;
    const body = eventBody(dm('D600', 'forged'));
    const res = await post(body, { signature: slackSignature('not-the-secret', Math.floor(Date.now() / 1000), body) });
    expect(res.status).toBe(401);
    await sleep(100);
    expect(th.calls.length).toBe(before);
  });

  it('rejects a stale (> 5 min) timestamp even when correctly signed', async () => {
    const before = th.calls.length;
    const ts = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await post(eventBody(dm('D601', 'stale')), { ts });
    expect(res.status).toBe(401);
    await sleep(100);
    expect(th.calls.length).toBe(before);
  });

  it('answers a retried event (same event_id, X-Slack-Retry-Num) once', async () => {
    const body = eventBody(dm('D700', 'only once'), 'EvRetry1');
    expect((await post(body)).status).toBe(200);
    expect((await post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    // The same message redelivered under a new event id (client_msg_id is stable) is a duplicate too.
    const again = JSON.parse(body);
    expect((await post(eventBody(again.event, 'EvRetry2'))).status).toBe(200);
    await waitFor(() => standin.posts('D700').length > 0, 5000, 'reply');
    await sleep(200);
    expect(standin.posts('D700')).toHaveLength(1);
    expect(th.calls.filter((m) => m.text === 'only once')).toHaveLength(1);
    expect(logs.some((l) => l.includes('duplicate delivery ignored'))).toBe(true);
  });

  it('ignores bot messages, its own included', async () => {
    await post(eventBody(dm('D800', 'from another bot', { subtype: 'bot_message', bot_id: 'B999', user: undefined })));
    await post(eventBody(dm('D800', 'bot with a user', { bot_id: 'B998', user: 'U998' })));
    await post(eventBody(dm('D800', 'my own echo', { user: BOT.userId })));
    await post(eventBody({ type: 'app_mention', channel: 'C800', user: 'U9', bot_id: 'B997', text: `<@${BOT.userId}> loop`, ts: '1700000800.000100' }));
    await post(eventBody(dm('D800', 'a human')));
    await waitFor(() => standin.posts('D800').length > 0, 5000, 'reply to the human');
    await sleep(150);
    expect(standin.posts('D800')).toHaveLength(1);
    expect(standin.posts('C800')).toHaveLength(0);
    expect(th.calls.some((m) => /bot|own echo|loop/.test(m.text))).toBe(false);
  });

  it('uploads a report chart as a PNG with files.uploadV2 in the conversation', async () => {
    await post(eventBody(dm('D500', 'report')));
    const complete = await waitFor(() => standin.calls.find((c) => c.method === 'files.completeUploadExternal'), 10_000, 'upload completion');
    const get = standin.calls.find((c) => c.method === 'files.getUploadURLExternal')!;
    expect(get.params.filename).toBe('wuyin-radar.png');
    expect(Number(get.params.length)).toBeGreaterThan(1000);
    const up = standin.uploads[0]!;
    expect(up.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(up.bytes.length).toBe(Number(get.params.length));
    expect(complete.params.channel_id).toBe('D500');
    expect(JSON.parse(String(complete.params.files))[0].id).toBe(up.id);
    // The text parts before and after the chart are posted around it, in order.
    const posts = await waitFor(() => standin.posts('D500').length >= 2 && standin.posts('D500'), 5000, 'the text after the chart');
    expect(posts.length).toBe(2);
    expect(JSON.stringify(posts[0]!.params.blocks)).toContain('Maturity report');
    expect(posts[0]!.at).toBeLessThanOrEqual(get.at);
    expect(JSON.stringify(posts[1]!.params.blocks)).toContain('📖');
  });

  it('user text cannot produce a mention or a link in the posted blocks', async () => {
    const evil = '<!channel> hey <!here|here> <http://evil.example|click me> &lt;!everyone&gt; <@U999> **bold** [a](http://b.example)';
    await post(eventBody(dm('D900', evil)));
    const [p] = await waitFor(() => standin.posts('D900').length > 0 && standin.posts('D900'), 5000, 'reply');
    const texts = blockTexts(p!.params.blocks);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      expect(t.text).not.toMatch(/<[!@#]|<https?:|<mailto:/);
      expect(t.text).not.toContain('<');
      if (t.type === 'mrkdwn') expect(t.verbatim).toBe(true);
    }
    const all = texts.map((t) => t.text).join('\n');
    expect(all).toContain('&lt;!everyone&gt;');
    expect(all).toContain('click me (http://evil.example)');
    expect(String(p!.params.text)).not.toContain('<');
  });

  it('malformed payloads get a 4xx or are ignored with a log line, never crash', async () => {
    expect((await post('{not json')).status).toBe(400);
    const badEvent = await post(eventBody({ type: 'message', channel_type: 'im', user: 'U1', text: 'no channel', ts: '1700000950.1' }));
    expect(badEvent.status).toBe(200);
    const badCmd = await post(form({ command: '/wuyin', text: 'x', user_id: 'U1', team_id: 'T1', trigger_id: 't-bad', response_url: 'not a url', channel_id: '' }), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(badCmd.status).toBe(200);
    await waitFor(() => logs.filter((l) => l.includes('ignored malformed payload')).length >= 2, 2000, 'malformed log lines');
    const line = logs.find((l) => l.includes('slack message event'))!;
    expect(line).toMatch(/channel/);
    // Still alive.
    await post(eventBody(dm('D950', 'still here')));
    await waitFor(() => standin.posts('D950').length > 0, 5000, 'reply after malformed input');
  });

  it('a handler failure becomes a polite error reply', async () => {
    await post(eventBody(dm('D960', 'boom')));
    const [p] = await waitFor(() => standin.posts('D960').length > 0 && standin.posts('D960'), 5000, 'error reply');
    expect(JSON.stringify(p!.params.blocks)).toMatch(/Sorry/);
  });

  it('never logs the signing secret or the bot token', () => {
    const all = logs.join('\n');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
    expect(all).toMatch(/listening/);
  });
});
