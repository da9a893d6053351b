/**
 * The guarded receiver in front of the real Bolt app (HTTP on loopback, Web API stand-in):
 * bodies Bolt cannot read safely get 400 and the adapter keeps answering; the body cap holds
 * while reading; timestamps must be within five minutes either way; /healthz follows the store.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import { createWriteProbe, PROBE_FILE } from '../../../bot/health.js';
import { configureLog } from '../../../log.js';
import { createTestHandler, waitFor, withStore, type TestHandler } from '../support/handler.js';
import { postSigned, slackSignature, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

const SECRET = 'receiver-signing-secret-0123';
const logs: string[] = [];
configureLog({ level: 'debug', secrets: [SECRET], sink: (l) => logs.push(l) });

let standin: SlackStandIn;
let adapter: SlackAdapter;
let th: TestHandler;
let base: string;
let storeOk = true;
let seq = 0;

const MAX = 64 * 1024;
beforeAll(async () => {
  standin = await startSlackStandIn();
  th = createTestHandler();
  adapter = createSlackAdapter({
    ...withStore(th.handler), botToken: 'xoxb-receiver', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: standin.apiUrl,
    webApiRetries: 0, rateLimitPerMin: 1000, maxBodyBytes: MAX, canWrite: async () => (storeOk ? { ok: true } : { ok: false, code: 'ENOSPC' }),
  });
  base = `http://127.0.0.1:${(await adapter.start()).port}`;
});
afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
});

const events = () => `${base}/slack/events`;
const post = (body: string, o: Partial<Parameters<typeof postSigned>[2]> = {}) => postSigned(events(), body, { secret: SECRET, ...o });
const form = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' as const });
function dm(channel: string, text: string) {
  seq += 1;
  const event = { type: 'message', channel, channel_type: 'im', user: 'U1', text, ts: `1700002000.${String(seq).padStart(6, '0')}`, client_msg_id: `rc-${seq}` };
  return JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: `EvR${seq}`, event });
}
async function stillAnswers(channel: string) {
  expect((await post(dm(channel, 'still here'))).status).toBe(200);
  await waitFor(() => standin.posts(channel).length > 0, 5000, `a reply in ${channel}`);
}

describe('payloads Bolt cannot read are refused before Bolt sees them', () => {
  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"event_callback"'],
    ['an array', '[{"type":"event_callback"}]'],
    ['an event that is null', JSON.stringify({ type: 'event_callback', event: null })],
    ['an event channel that is null', JSON.stringify({ type: 'event_callback', event: { type: 'message', channel: null } })],
    ['authorizations of null', JSON.stringify({ type: 'event_callback', authorizations: [null], event: { type: 'message', channel: 'D1' } })],
  ])('a validly signed JSON body that is %s gets 400', async (_what, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
  });

  it.each([
    ['payload=null', { payload: 'null' }],
    ['payload=[]', { payload: '[]' }],
    ['payload=7', { payload: '7' }],
    ['block_actions with actions of null', { payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [null] }) }],
    ['block_actions with a null channel', { payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, channel: null, actions: [{ action_id: 'wuyin_option:1' }] }) }],
    ['a command with an event', { command: '/wuyin', event: 'x', channel_id: 'C1', user_id: 'U1', team_id: 'T1' }],
  ])('a validly signed form body with %s gets 400', async (_what, fields) => {
    const f = form(fields);
    expect((await post(f.body, { contentType: f.contentType })).status).toBe(400);
  });

  it('the adapter is alive and answering after all of them', async () => {
    await stillAnswers('D-alive-1');
    expect(logs.some((l) => l.includes('signed request with an invalid payload') && l.includes('body is null'))).toBe(true);
  });

  it('a valid body nothing listens for is answered 200 at once, not after Bolt\'s 3 s wait', async () => {
    const started = Date.now();
    const shortcut = await post(form({ payload: JSON.stringify({ type: 'shortcut', callback_id: 'x', user: { id: 'U1' }, team: { id: 'T1' } }) }).body, { contentType: 'application/x-www-form-urlencoded' });
    const other = await post(form({ command: '/other', text: '', channel_id: 'C1', user_id: 'U1', team_id: 'T1', trigger_id: '1.2.3', response_url: 'http://127.0.0.1:9/x' }).body, { contentType: 'application/x-www-form-urlencoded' });
    const reaction = await post(JSON.stringify({ type: 'event_callback', event_id: 'EvX', event: { type: 'reaction_added', user: 'U1', item: { channel: 'C1' } } }));
    expect([shortcut.status, other.status, reaction.status]).toEqual([200, 200, 200]);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('signature and timestamps', () => {
  it('refuses a timestamp six minutes in the future, as it refuses one six minutes old; accepts four minutes either way', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await post(dm('D-ts-1', 'future'), { ts: now + 6 * 60 })).status).toBe(401);
    expect((await post(dm('D-ts-2', 'past'), { ts: now - 6 * 60 })).status).toBe(401);
    expect((await post(dm('D-ts-3', 'soon'), { ts: now + 4 * 60 })).status).toBe(200);
    expect((await post(dm('D-ts-4', 'recent'), { ts: now - 4 * 60 })).status).toBe(200);
    await waitFor(() => standin.posts('D-ts-3').length > 0 && standin.posts('D-ts-4').length > 0, 5000, 'replies within the window');
    expect(standin.posts('D-ts-1')).toHaveLength(0);
    expect(standin.posts('D-ts-2')).toHaveLength(0);
  });

  it('refuses a wrong signature and missing headers', async () => {
    expect((await post(dm('D-sig', 'x'), { signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
    const res = await fetch(events(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: dm('D-sig', 'x') });
    expect(res.status).toBe(401);
  });

  // Bolt's own check is off (receiver.ts): each of these would have been refused by it, and must be by the guard.
  it('refuses what Bolt refused: another secret, another body or timestamp, another version, a non-numeric or missing timestamp, doubled headers', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = dm('D-sig-2', 'forged');
    const hex = (sig: string) => sig.slice(3);
    const cases: Array<[string, Record<string, string | string[]>]> = [
      ['another secret', { 'x-slack-request-timestamp': String(now), 'x-slack-signature': slackSignature('not-the-secret', now, body) }],
      ['signed for another body', { 'x-slack-request-timestamp': String(now), 'x-slack-signature': slackSignature(SECRET, now, body.replace('forged', 'other')) }],
      ['signed for another timestamp', { 'x-slack-request-timestamp': String(now), 'x-slack-signature': slackSignature(SECRET, now - 1, body) }],
      ['version v1', { 'x-slack-request-timestamp': String(now), 'x-slack-signature': `v1=${hex(slackSignature(SECRET, now, body))}` }],
      ['a timestamp that is not a number', { 'x-slack-request-timestamp': 'soon', 'x-slack-signature': slackSignature(SECRET, now, body) }],
      ['no timestamp', { 'x-slack-signature': slackSignature(SECRET, now, body) }],
      ['no signature', { 'x-slack-request-timestamp': String(now) }],
      ['the signature twice', { 'x-slack-request-timestamp': String(now), 'x-slack-signature': [slackSignature(SECRET, now, body), slackSignature(SECRET, now, body)] }],
      ['an empty signature', { 'x-slack-request-timestamp': String(now), 'x-slack-signature': '' }],
    ];
    const statuses = await Promise.all(cases.map(([, headers]) => rawPost('/slack/events', body, headers)));
    expect(Object.fromEntries(cases.map(([what], i) => [what, statuses[i]]))).toEqual(Object.fromEntries(cases.map(([what]) => [what, 401])));
    // The same body, correctly signed, is taken: the refusals above were about the signature alone.
    expect((await post(body)).status).toBe(200);
    await waitFor(() => standin.posts('D-sig-2').length > 0, 5000, 'the signed copy answered');
    expect(th.calls.filter((m) => m.text === 'forged')).toHaveLength(1);
  });

  it('an unsigned event reaches no listener however the events URL is spelled', async () => {
    const body = dm('D-url', 'unsigned');
    const urls = ['/slack/events?x=1', '/slack/events#f', '//evil.example/slack/events', '/slack/events/', '/slack//events', '/SLACK/EVENTS', '/slack/%65vents'];
    const statuses = await Promise.all(urls.map((u) => rawPost(u, body, {})));
    for (const [i, st] of statuses.entries()) expect([urls[i], st]).not.toEqual([urls[i], 200]);
    // ssl_check (unsigned, as Slack sends it) is answered by the guard; a payload smuggled beside it goes nowhere.
    const smuggled = new URLSearchParams({ ssl_check: '1', payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'wuyin_option:1', value: 'smuggled', action_ts: '1.1' }], channel: { id: 'D-url' } }) }).toString();
    expect(await rawPost('/slack/events', smuggled, { 'content-type': 'application/x-www-form-urlencoded' })).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(th.calls.filter((m) => m.text === 'unsigned' || m.text === 'smuggled')).toHaveLength(0);
  });
});

/** POSTs `body` to `urlPath` with exactly these headers (arrays go as repeated header lines); resolves with the status. */
function rawPost(urlPath: string, body: string, headers: Record<string, string | string[]>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(base, { method: 'POST', path: urlPath, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends `total` bytes (declared or chunked) and resolves with the status, or the error code if the socket went first. */
function sendBig(total: number, opts: { declare: boolean; signed?: boolean }): Promise<number | string> {
  return new Promise((resolve) => {
    const ts = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.declare) headers['content-length'] = String(total);
    if (opts.signed) Object.assign(headers, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, 'whatever') });
    const req = http.request(events(), { method: 'POST', headers });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('body cap', () => {
  it('answers 413 to a declared length over the cap, signed or not, and to a chunked body once it passes the cap', async () => {
    expect(await sendBig(MAX + 1, { declare: true })).toBe(413);
    expect(await sendBig(MAX * 4, { declare: true, signed: true })).toBe(413);
    expect(await sendBig(MAX * 8, { declare: false })).toBe(413);
    // At the cap a body is read and judged on its signature.
    expect(await sendBig(MAX - 1024, { declare: true })).toBe(401);
    await stillAnswers('D-cap');
  });
});

describe('/healthz', () => {
  it('is 200 while the store writes and 503 when it cannot', async () => {
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, storeWritable: true });
    storeOk = false;
    const bad = await fetch(`${base}/healthz`);
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({ ok: false, storeWritable: false, storeError: 'ENOSPC' });
    storeOk = true;
  });

  it("the bot's write probe fails on a full disk (the probe file on /dev/full) and recovers", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-probe-'));
    let now = 0;
    const probe = createWriteProbe(dir, 1000, () => now);
    expect(await probe()).toEqual({ ok: true });
    fs.rmSync(path.join(dir, PROBE_FILE));
    fs.symlinkSync('/dev/full', path.join(dir, PROBE_FILE));
    expect(await probe()).toEqual({ ok: true }); // cached for a second
    now = 1500;
    expect(await probe()).toEqual({ ok: false, code: 'ENOSPC' });
    fs.rmSync(path.join(dir, PROBE_FILE));
    now = 3000;
    expect(await probe()).toEqual({ ok: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
