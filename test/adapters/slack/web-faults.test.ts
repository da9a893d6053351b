/**
 * The real adapter's replies when the Web API fails: a loopback front of the stand-in answers
 * chat.postMessage as scripted (429 with Retry-After, 503, no answer at all, ok:false) and forwards
 * everything else. The outbox retries the first three and delivers the reply once; Slack's own
 * refusal is kept as undeliverable with its error.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import type { SqliteSessionStore } from '../../../bot/store/index.js';
import { configureLog } from '../../../log.js';
import { createTestHandler, waitFor, withStore } from '../support/handler.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

const SECRET = 'faults-signing-secret';
configureLog({ level: 'error', sink: () => undefined });

type Fault = { status: number; headers?: Record<string, string>; body?: string } | 'hang';
/** Per channel, the answers its next chat.postMessage calls get before they pass through. */
const script = new Map<string, Fault[]>();
const tries: Array<{ channel: string; at: number; fault: string }> = [];
let standin: SlackStandIn;
let front: http.Server;
let adapter: SlackAdapter;
let store: SqliteSessionStore;
let events: string;
let seq = 0;

beforeAll(async () => {
  standin = await startSlackStandIn();
  front = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const json = String(req.headers['content-type']).startsWith('application/json');
      const channel = String((json ? (JSON.parse(body.toString() || '{}') as { channel?: string }).channel : new URLSearchParams(body.toString()).get('channel')) ?? '');
      const fault = req.url?.endsWith('/chat.postMessage') ? script.get(channel)?.shift() : undefined;
      if (req.url?.endsWith('/chat.postMessage')) tries.push({ channel, at: Date.now(), fault: fault === undefined ? 'pass' : fault === 'hang' ? 'hang' : String(fault.status) });
      if (fault === 'hang') return;
      if (fault) return void (res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }), res.end(fault.body ?? ''));
      const upstream = await fetch(`${standin.base}${req.url}`, { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(await upstream.text());
    });
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  const s = withStore(createTestHandler().handler);
  store = s.store;
  adapter = createSlackAdapter({ ...s, botToken: 'xoxb-faults', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: `http://127.0.0.1:${(front.address() as AddressInfo).port}/api/`, webApiRetries: 0, webApiTimeoutMs: 400, rateLimitPerMin: 1000 });
  const { port } = await adapter.start();
  events = `http://127.0.0.1:${port}/slack/events`;
});

afterAll(async () => {
  await adapter?.stop();
  front?.closeAllConnections();
  await new Promise((r) => front?.close(r));
  await standin?.close();
});

const dm = (channel: string, text: string) => {
  seq++;
  return JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: `EvF${seq}`, event: { type: 'message', channel, channel_type: 'im', user: `UF${seq}`, text, ts: `1700000000.${String(seq).padStart(6, '0')}`, client_msg_id: `cf-${seq}` } });
};

describe('slack replies through a failing Web API', () => {
  it('429 (waiting its Retry-After), 503 and a call with no answer are retried; the reply lands once', async () => {
    script.set('DF1', [{ status: 429, headers: { 'retry-after': '1' } }, { status: 503 }, 'hang']);
    const res = await postSigned(events, dm('DF1', 'hello'), { secret: SECRET });
    expect(res.status).toBe(200);
    await waitFor(() => standin.posts('DF1').length > 0, 10_000, 'the reply after the faults');
    await adapter.idle();
    expect(standin.posts('DF1')).toHaveLength(1);
    const mine = tries.filter((t) => t.channel === 'DF1');
    expect(mine.map((t) => t.fault)).toEqual(['429', '503', 'hang', 'pass']);
    // The second try waited Retry-After (1 s), not the outbox's first backoff step (200 ms).
    expect(mine[1]!.at - mine[0]!.at).toBeGreaterThanOrEqual(950);
    expect(await store.undeliverable()).toEqual([]);
  });

  it("Slack's refusal (ok:false) is final: not retried, kept with its error", async () => {
    script.set('DF2', [{ status: 200, body: JSON.stringify({ ok: false, error: 'channel_not_found' }) }]);
    await postSigned(events, dm('DF2', 'hello'), { secret: SECRET });
    const [kept] = await waitFor(async () => {
      const u = await store.undeliverable();
      return u.length > 0 && u;
    }, 5000, 'the undeliverable reply');
    expect(kept!.error).toContain('channel_not_found');
    expect(kept!.conversationId).toBe('slack:T1:DF2');
    expect(tries.filter((t) => t.channel === 'DF2')).toHaveLength(1);
    expect(standin.posts('DF2')).toHaveLength(0);
  });
});
