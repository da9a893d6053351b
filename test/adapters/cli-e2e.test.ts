/**
 * End to end: `wuyin slack` and `wuyin dingtalk` as real processes, with the real
 * orchestrator (bot/index.ts) on a temporary data dir, against the loopback stand-ins;
 * SIGTERM must shut each down cleanly (exit code 0). Skipped while bot/index.ts is absent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from './support/dingtalk-standin.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from './support/slack-standin.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HAS_BOT = existsSync(path.join(ROOT, 'bot/index.ts'));
if (!HAS_BOT) console.warn('cli-e2e: bot/index.ts not present yet — skipping the end-to-end CLI tests');

interface Proc {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startCli(args: string[], env: Record<string, string>): Proc {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DINGTALK_|OPENAI_|WUYIN_|PORT$)/.test(k)));
  const child = spawn(process.execPath, ['bin/wuyin.mjs', ...args], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, stderr: () => err, exited };
}

let dataDir: string;
let slack: SlackStandIn;
let ding: DingTalkStandIn;
const procs: Proc[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'wuyin-e2e-'));
  slack = await startSlackStandIn();
  ding = await startDingTalkStandIn({ clientId: 'e2e-client', clientSecret: 'e2e-client-secret-123' });
});

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await slack?.close();
  await ding?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

(HAS_BOT ? describe.concurrent : describe.skip)('CLI end to end with the real orchestrator', () => {
  it('wuyin slack: answers a signed DM, then shuts down on SIGTERM', async () => {
    const secret = 'e2e-signing-secret-456';
    const p = startCli(['slack', '--port', '0'], {
      SLACK_BOT_TOKEN: 'xoxb-e2e-token-789',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slack.apiUrl,
      WUYIN_DATA_DIR: path.join(dataDir, 'slack'),
      WUYIN_LOG_LEVEL: 'info',
    });
    procs.push(p);
    const port = await waitFor(() => /"port":(\d+),"path":"\/slack\/events"/.exec(p.stderr())?.[1], 20_000, `slack listening (stderr: ${p.stderr().slice(-500)})`);
    const event = { type: 'message', channel: 'DE2E', channel_type: 'im', user: 'UE2E', text: 'hello', ts: '1700009000.000100', client_msg_id: 'e2e-1' };
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: 'EvE2E', event }), { secret });
    expect(res.status).toBe(200);
    await waitFor(() => slack.posts('DE2E').length > 0, 15_000, 'a reply from the orchestrator');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toContain('shut down');
    expect(p.stderr()).not.toContain(secret);
    expect(p.stderr()).not.toContain('xoxb-e2e-token-789');
  }, 40_000);

  it('wuyin dingtalk: connects through DINGTALK_GATEWAY_URL, answers, then shuts down on SIGTERM', async () => {
    const p = startCli(['dingtalk'], {
      DINGTALK_CLIENT_ID: 'e2e-client',
      DINGTALK_CLIENT_SECRET: 'e2e-client-secret-123',
      DINGTALK_GATEWAY_URL: ding.gatewayUrl,
      WUYIN_DATA_DIR: path.join(dataDir, 'dingtalk'),
      WUYIN_LOG_LEVEL: 'info',
    });
    procs.push(p);
    await waitFor(() => ding.connections > 0 && p.stderr().includes('connection connected'), 20_000, `dingtalk connected (stderr: ${p.stderr().slice(-500)})`);
    const m = robotMessage(ding, { text: { content: '你好' } });
    ding.sendCallback(m);
    await waitFor(() => ding.webhooks.length > 0, 15_000, 'a reply from the orchestrator');
    expect(ding.webhooks[0]!.body.msgtype).toBe('markdown');
    expect(ding.tokens).toBeGreaterThan(0); // the token came from the same (overridden) origin
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toContain('shut down');
    expect(p.stderr()).not.toContain('e2e-client-secret-123');
  }, 40_000);
});
