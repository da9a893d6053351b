/**
 * No user words and no secrets in any log at any level: full runs of `wuyin slack` and
 * `wuyin dingtalk` as real processes at debug level (Bolt's, the Web API client's and the openai
 * client's loggers included, OPENAI_LOG=debug), with the LLM on, through set-up, free-text
 * answers, questions, commands, a click, malformed and forged requests, a huge message and forget.
 * Every message carries marker words; the whole output is scanned for them and for the secrets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../adapters/support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from '../adapters/support/dingtalk-standin.js';
import { BOT, postSigned, startSlackStandIn, type SlackStandIn } from '../adapters/support/slack-standin.js';
import { childEnv, freshDataDir } from './fixtures/data-dir.js';
import { judgement, startStandIn, type StandIn } from './fixtures/llm-stand-in.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORDS: [string, string, string, string] = ['斑马独角兽', 'quixoticzebra', '紫色长颈鹿', 'marmaladeotter'];
const SECRETS = {
  OPENAI_API_KEY: 'sk-logscan-9f8e7d6c5b4a3928170',
  SLACK_BOT_TOKEN: 'xoxb-logscan-2222-SECRETBOTTOKEN',
  SLACK_SIGNING_SECRET: 'logscan-signing-secret-5e5e5e',
  DINGTALK_CLIENT_SECRET: 'logscan-dingtalk-secret-7a7a7a',
};
const ANSWER = `我们的数据大部分还在各部门的Excel里，${WORDS[0]}，只有财务系统上了云。`;

let llm: StandIn;
let slack: SlackStandIn;
let ding: DingTalkStandIn;
const children: ChildProcess[] = [];
beforeAll(async () => {
  llm = await startStandIn((r) => (r.kind === 'judge' ? { reply: judgement(3, 0.9) } : { reply: `引用白皮书：${WORDS[3]}` }));
  slack = await startSlackStandIn();
  ding = await startDingTalkStandIn({ clientId: 'logscan-client', clientSecret: SECRETS.DINGTALK_CLIENT_SECRET });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await llm?.close();
  await slack?.close();
  await ding?.close();
});

async function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/wuyin.mjs', ...args], {
    cwd: ROOT,
    env: childEnv({ WUYIN_DATA_DIR: await freshDataDir(), WUYIN_LOG_LEVEL: 'debug', OPENAI_LOG: 'debug', OPENAI_BASE_URL: llm.baseURL, ...SECRETS, ...env }),
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => out, exited };
}

function expectClean(out: string) {
  for (const w of WORDS) expect(out.includes(w), `user words "${w}" in the log`).toBe(false);
  for (const [name, value] of Object.entries(SECRETS)) {
    expect(out.includes(value), `${name} in the log`).toBe(false);
    expect(out.includes(value.slice(0, 12)), `a prefix of ${name} in the log`).toBe(false);
  }
}

describe('a full debug-level run logs no user words and no secrets', () => {
  it('wuyin slack', async () => {
    const p = await run(['slack', '--port', '0'], { SLACK_API_URL: slack.apiUrl });
    const port = await waitFor(() => /"port":(\d+),"path":"\/slack\/events"/.exec(p.out())?.[1], 40_000, 'slack listening');
    const url = `http://127.0.0.1:${port}/slack/events`;
    const secret = SECRETS.SLACK_SIGNING_SECRET;
    let i = 0;
    const dm = (text: string, extra: Record<string, unknown> = {}) => {
      i++;
      return JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: `EvLog${i}`, event: { type: 'message', channel: 'DLOG', channel_type: 'im', user: 'ULOG', text, ts: `1700006000.${String(i).padStart(6, '0')}`, client_msg_id: `log-${i}`, ...extra } });
    };
    const say = async (text: string) => {
      const n = slack.posts('DLOG').length;
      expect((await postSigned(url, dm(text), { secret })).status).toBe(200);
      await waitFor(() => slack.posts('DLOG').length > n, 15_000, `reply to ${text.slice(0, 10)}`);
    };
    for (const t of ['开始', '全部', '2', ANSWER, '对', `什么是数据中台？${WORDS[1]}`]) await say(t);
    await postSigned(url, JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: 'EvM1', event: { type: 'app_mention', channel: 'CLOG', user: 'ULOG', text: `<@${BOT.userId}> ${WORDS[2]} 帮助`, ts: '1700006100.000100' } }), { secret });
    await postSigned(url, new URLSearchParams({ command: '/wuyin', text: `help ${WORDS[1]}`, user_id: 'ULOG', channel_id: 'DLOG', team_id: 'T1', trigger_id: '1.2.log', response_url: `${slack.base}/respond/log` }).toString(), { secret, contentType: 'application/x-www-form-urlencoded' });
    const click = { type: 'block_actions', user: { id: 'ULOG', team_id: 'T1' }, team: { id: 'T1' }, channel: { id: 'DLOG' }, message: { ts: '1800000000.000001' }, response_url: `${slack.base}/respond/click`, actions: [{ action_id: 'wuyin_option:3', value: '3', action_ts: '1700006200.1' }] };
    await postSigned(url, new URLSearchParams({ payload: JSON.stringify(click) }).toString(), { secret, contentType: 'application/x-www-form-urlencoded' });
    // Malformed, forged and oversized requests that carry the words.
    await postSigned(url, `{"text": "${WORDS[0]}" oops`, { secret });
    await postSigned(url, dm(WORDS[1], { channel: `D\u0000${WORDS[2]}` }), { secret });
    await postSigned(url, dm(`${WORDS[3]}`), { secret, signature: 'v0=' + '1'.repeat(64) });
    await postSigned(url, dm(`${WORDS[0]} `.repeat(2000)), { secret });
    // The command's reply first: 删除我的数据 deletes the person's undelivered replies too, and under a loaded
    // suite the reply could still be pending when it runs.
    await waitFor(() => slack.responses.length >= 1, 30_000, 'the command reply');
    await say('删除我的数据');
    expect(llm.requests.length).toBeGreaterThan(0); // the LLM was really in use
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const out = p.out();
    expect(out).toMatch(/DEBUG \[slack:bolt\]/); // Bolt's own debug lines were there to leak
    expect(out).toMatch(/signed request with an unreadable body|invalid payload|ignored malformed payload/);
    expectClean(out);
  }, 90_000);

  it('wuyin dingtalk', async () => {
    const p = await run(['dingtalk'], { DINGTALK_CLIENT_ID: 'logscan-client', DINGTALK_GATEWAY_URL: ding.gatewayUrl });
    await waitFor(() => ding.connections > 0 && /connection connected/.test(p.out()), 40_000, 'dingtalk connected');
    const conv = { conversationId: 'cid-log', senderStaffId: 'staff-log', senderId: '$:LWCP_v1:$log' };
    for (const [n, t] of ['开始', '全部', '2', ANSWER, `什么是数据中台？${WORDS[1]}`].entries()) {
      ding.sendCallback(robotMessage(ding, { ...conv, text: { content: t } }));
      await waitFor(() => ding.webhooks.length > n, 15_000, `dingtalk reply ${n}`);
    }
    ding.sendRaw(`not json ${WORDS[2]}`);
    ding.sendRaw(JSON.stringify({ type: 'CALLBACK', headers: { messageId: 'log-x', topic: '/v1.0/im/bot/messages/get' }, data: `{"text": "${WORDS[3]}"` }));
    ding.sendCallback(robotMessage(ding, { ...conv, msgId: `bad\u0000${WORDS[0]}`, text: { content: WORDS[0] } }));
    await new Promise((r) => setTimeout(r, 500));
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const out = p.out();
    expect(out).toMatch(/DEBUG|INFO/);
    expectClean(out);
  }, 90_000);
});
