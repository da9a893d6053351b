/** Rate limiting, health and graceful shutdown of the Slack adapter (real Bolt, HTTP mode). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLog } from '../../../log.js';
import { createSlackAdapter } from '../../../adapters/slack/app.js';
import { createTestHandler, waitFor , withStore } from '../support/handler.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

const SECRET = 'lifecycle-signing-secret';
const logs: string[] = [];
configureLog({ level: 'info', sink: (l) => logs.push(l) });

let standin: SlackStandIn;
beforeAll(async () => {
  standin = await startSlackStandIn();
});
afterAll(async () => {
  await standin?.close();
});

let seq = 0;
function dmBody(channel: string, user: string, text: string): string {
  seq += 1;
  const event = { type: 'message', channel, channel_type: 'im', user, text, ts: `1700001000.${String(seq).padStart(6, '0')}`, client_msg_id: `lc-${seq}` };
  return JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: `EvL${seq}`, event });
}

async function startAdapter(rateLimitPerMin: number, slowMs = 400) {
  const th = createTestHandler({ slowMs });
  const adapter = createSlackAdapter({ ...withStore(th.handler), botToken: 'xoxb-lifecycle', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: standin.apiUrl, webApiRetries: 0, rateLimitPerMin });
  const { port } = await adapter.start();
  const base = `http://127.0.0.1:${port}`;
  return { th, adapter, base, send: (body: string) => postSigned(`${base}/slack/events`, body, { secret: SECRET }) };
}

describe('slack adapter lifecycle', () => {
  it('limits each user per minute and says so politely, once', async () => {
    const { th, adapter, send } = await startAdapter(2);
    for (let i = 0; i < 4; i++) await send(dmBody('D10', 'U10', `msg ${i}`));
    await send(dmBody('D11', 'U11', '另一个用户'));
    await waitFor(() => standin.posts('D10').length >= 3 && standin.posts('D11').length >= 1, 5000, 'replies');
    await new Promise((r) => setTimeout(r, 150));
    const texts = standin.posts('D10').map((p) => JSON.stringify(p.params.blocks));
    expect(texts).toHaveLength(3);
    expect(texts.filter((t) => t.includes('You said'))).toHaveLength(2);
    expect(texts.filter((t) => t.includes('NOT processed'))).toHaveLength(1);
    expect(th.calls.filter((m) => m.userId === 'slack:T1:U10')).toHaveLength(2);
    // Another user is not affected.
    expect(JSON.stringify(standin.posts('D11')[0]!.params.blocks)).toContain('You said');
    await adapter.stop();
  });

  it('answers /healthz, and on stop lets in-flight turns finish before resolving', async () => {
    const { th, adapter, base, send } = await startAdapter(20, 800);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });

    await send(dmBody('D20', 'U20', 'slow'));
    await waitFor(() => th.calls.some((m) => m.text === 'slow'), 2000, 'turn started');
    expect(standin.posts('D20')).toHaveLength(0);
    await adapter.stop();
    // The slow turn finished and its reply went out before stop() resolved.
    expect(standin.posts('D20')).toHaveLength(1);
    expect(logs.some((l) => l.includes('finishing in-flight turns') && l.includes('"inflight":1'))).toBe(true);
    // No longer receiving.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('a bad token or unreachable Web API fails start() with a clear error (no unhandled rejection)', async () => {
    const th = createTestHandler();
    const dead = createSlackAdapter({ ...withStore(th.handler), botToken: 'xoxb-x', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: 'http://127.0.0.1:9/api/', webApiRetries: 0 });
    await expect(dead.start()).rejects.toThrow(/auth\.test failed .*SLACK_BOT_TOKEN and SLACK_API_URL/);
    await dead.stop();
    await new Promise((r) => setTimeout(r, 50));
  });
});
