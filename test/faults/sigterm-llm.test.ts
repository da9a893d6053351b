/**
 * SIGTERM while the LLM hangs: a real `wuyin slack` process (real bot, real Bolt, the real
 * `openai` client against a local stand-in that accepts requests and never answers). Every turn
 * in flight when the signal comes must finish with its offline reply, delivered, before the
 * process exits 0. Before the per-turn budget, 15 s × 3 attempts outlasted the drain: those turns
 * were acked and lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../adapters/support/handler.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from '../adapters/support/slack-standin.js';
import { childEnv, freshDataDir } from './fixtures/data-dir.js';
import { startStandIn, type StandIn } from './fixtures/llm-stand-in.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'sigterm-signing-secret';
const CONVERSATIONS = 6;
const ANSWER = '我们的数据大部分还在各部门的Excel里，只有财务系统上了云，别的系统之间不通。';

let slack: SlackStandIn;
let llm: StandIn;
let child: ChildProcess;
let stderr = '';
let events = '';
let exited: Promise<{ code: number | null; at: number }>;

beforeAll(async () => {
  slack = await startSlackStandIn();
  llm = await startStandIn(() => ({ hang: true }));
  child = spawn(process.execPath, ['bin/wuyin.mjs', 'slack', '--port', '0'], {
    cwd: ROOT,
    env: childEnv({
      WUYIN_DATA_DIR: await freshDataDir(), WUYIN_LOG_LEVEL: 'info', SLACK_BOT_TOKEN: 'xoxb-sigterm', SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl, OPENAI_API_KEY: 'sk-sigterm-test', OPENAI_BASE_URL: llm.baseURL,
      // The per-request timeout stays at its default (15 s, 2 retries); the turn budget bounds it.
      WUYIN_LLM_TURN_BUDGET_MS: '1500', WUYIN_DRAIN_MS: '4000', WUYIN_RATE_LIMIT_PER_MIN: '100',
    }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  exited = new Promise((r) => child.on('exit', (code) => r({ code, at: Date.now() })));
  const port = await waitFor(() => /"port":(\d+),"path":"\/slack\/events"/.exec(stderr)?.[1], 40_000, 'wuyin slack listening');
  events = `http://127.0.0.1:${port}/slack/events`;
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await slack?.close();
  await llm?.close();
});

let seq = 0;
function dm(channel: string, text: string): string {
  seq += 1;
  const event = { type: 'message', channel, channel_type: 'im', user: `U${channel}`, text, ts: `1700004000.${String(seq).padStart(6, '0')}`, client_msg_id: `sig-${seq}` };
  return JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: `EvSig${seq}`, event });
}

describe('SIGTERM with a hung LLM', () => {
  it('every in-flight turn finishes with the offline reply before exit 0', async () => {
    const channels = Array.from({ length: CONVERSATIONS }, (_, i) => `DSIG${i}`);
    // Each conversation at the first question of the standard interview (set-up turns use no LLM).
    for (const ch of channels) {
      for (const [i, t] of ['开始', '全部', '2'].entries()) {
        expect((await postSigned(events, dm(ch, t), { secret: SECRET })).status).toBe(200);
        await waitFor(() => slack.posts(ch).length > i, 15_000, `set-up reply ${i} in ${ch}`);
      }
    }
    const before = new Map(channels.map((ch) => [ch, slack.posts(ch).length]));
    const acks = await Promise.all(channels.map((ch) => postSigned(events, dm(ch, ANSWER), { secret: SECRET })));
    expect(acks.map((a) => a.status)).toEqual(Array(CONVERSATIONS).fill(200));
    // Every one of those turns is now waiting on the LLM, which will never answer.
    await waitFor(() => llm.requests.length >= CONVERSATIONS, 10_000, 'all turns waiting on the LLM');
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(4000 + 10_000);
    for (const ch of channels) {
      const after = slack.posts(ch).slice(before.get(ch)!);
      expect(after.length, `${ch} got its reply`).toBeGreaterThan(0);
      expect(after.every((p) => p.at <= at)).toBe(true);
      const text = after.map((p) => JSON.stringify(p.params.blocks)).join('\n');
      // The offline scorer's proposal or follow-up, not the error reply.
      expect(text).toMatch(/我判断为|更接近|级/);
      expect(text).not.toMatch(/出错|went wrong/);
    }
    expect(stderr).not.toMatch(/forced exit|shutdown timed out/);
  }, 90_000);
});
