/**
 * The real bot behind the real Bolt app (HTTP, signed requests, loopback Web API): a multi-select
 * with a done button for the elements, and `/wuyin report` in a channel answering with the caller's
 * interview in that channel's thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import type { Bot } from '../../../bot/index.js';
import { SessionStateSchema, type SessionState } from '../../../bot/session.js';
import { makeBot } from '../../bot/helpers.js';
import { waitFor } from '../support/handler.js';
import { BOT, postSigned, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

const SECRET = 'phone-signing-secret-0123456789';
let standin: SlackStandIn;
let adapter: SlackAdapter;
let bot: Bot;
let events: string;
let seq = 0;
const post = (body: string, form = false) => postSigned(events, body, { secret: SECRET, ...(form ? { contentType: 'application/x-www-form-urlencoded' } : {}) });
const mention = (channel: string, text: string, ts: string, threadTs?: string) => post(JSON.stringify({
  token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvP${++seq}`, event_time: 1700000000,
  event: { type: 'app_mention', channel, user: 'U7', text: `<@${BOT.userId}> ${text}`, ts, ...(threadTs ? { thread_ts: threadTs } : {}) },
}));
const state = async (conv: string) => bot.store.getState<SessionState>(conv, { schema: SessionStateSchema });

beforeAll(async () => {
  standin = await startSlackStandIn();
  bot = await makeBot();
  adapter = createSlackAdapter({ handle: (m, o) => bot.handle(m, o), store: bot.store, botToken: 'xoxb-phone', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: standin.apiUrl, webApiRetries: 0, rateLimitPerMin: 100 });
  events = `http://127.0.0.1:${(await adapter.start()).port}/slack/events`;
});
afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
  await bot?.close();
});

describe('slack, phone-first', () => {
  it('the element step is a multi-select; its done button sends every pick at once', async () => {
    const root = '1700000900.000100';
    await mention('C900', 'hello', root);
    const [p] = await waitFor(() => standin.posts('C900').length > 0 && standin.posts('C900'), 5000, 'greeting');
    const blocks = p!.params.blocks as Array<{ type: string; block_id?: string; elements?: Array<{ type: string; action_id: string; value?: string; options?: Array<{ value: string }> }> }>;
    const actions = blocks.find((b) => b.elements?.some((e) => e.type === 'multi_static_select'))!;
    const select = actions.elements!.find((e) => e.type === 'multi_static_select')!;
    const done = actions.elements!.find((e) => e.type === 'button')!;
    expect(select.options!.map((o) => o.value)).toContain('Retail');
    const payload = {
      type: 'block_actions', token: 'x', api_app_id: 'A1', trigger_id: 'trig-p1', user: { id: 'U7', team_id: 'T1' }, team: { id: 'T1' }, channel: { id: 'C900' },
      container: { type: 'message', message_ts: '1800000900.000001', channel_id: 'C900', is_ephemeral: false },
      message: { ts: '1800000900.000001', thread_ts: root, type: 'message' }, response_url: `${standin.base}/respond/p1`,
      state: { values: { [actions.block_id!]: { [select.action_id]: { type: 'multi_static_select', selected_options: [{ value: 'Retail' }, { value: 'Logistics' }] } } } },
      actions: [{ type: 'button', action_id: done.action_id, block_id: actions.block_id, value: done.value, action_ts: '1700000901.1' }],
    };
    expect((await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), true)).status).toBe(200);
    await waitFor(async () => (await state(`slack:T1:C900:${root}:user:U7`))?.phase === 'mode', 5000, 'elements chosen');
    expect((await state(`slack:T1:C900:${root}:user:U7`))!.elements).toEqual(['retail', 'logistics']);
  });

  it('/wuyin report in a channel answers with the caller’s interview in that channel, not a greeting', async () => {
    const root = '1700000950.000100';
    let n = 0;
    const say = async (t: string) => {
      const before = standin.posts('C950').length;
      await mention('C950', t, `1700000950.${String(200 + ++n).padStart(6, '0')}`, n === 0 ? undefined : root);
      await waitFor(() => standin.posts('C950').length > before, 5000, `reply to ${t}`);
    };
    await mention('C950', '开始', root);
    await waitFor(() => standin.posts('C950').length > 0, 5000, 'greeting');
    await say('全部'); await say('快速'); await say('3');
    await waitFor(async () => (await state(`slack:T1:C950:${root}:user:U7`))?.answers['1.1']?.level === 3, 5000, '1.1 recorded');
    await post(new URLSearchParams({ command: '/wuyin', text: 'report', user_id: 'U7', channel_id: 'C950', team_id: 'T1', trigger_id: 'trig-p2', response_url: `${standin.base}/respond/p2`, token: 'x' }).toString(), true);
    await waitFor(() => standin.responses.find((x) => x.path === '/respond/p2'), 5000, 'report response');
    const text = standin.responses.filter((x) => x.path === '/respond/p2').map((x) => JSON.stringify(x.body.blocks)).join('\n');
    expect(text).toContain('阶段性评估报告');
    expect(text).toContain('已评估 1/5');
    expect(text).not.toContain('你好，我是五音');
    expect(await state('slack:T1:C950:user:U7')).toBeUndefined();
  });
});
