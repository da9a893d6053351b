/**
 * The lean Web API client against a loopback server that answers as told: what each failure throws
 * (the outbox retries all but Slack's own refusals), the body as @slack/web-api encodes it, and one
 * kept-alive socket for consecutive calls.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebPost, PLATFORM_ERROR, retryAfterMs, type WebPost } from '../../../adapters/slack/web-post.js';

type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang' | 'reset';
let next: Answer[] = [];
const seen: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string; port: number }> = [];
let server: http.Server;
let apiUrl: string;
let web: WebPost;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString(), port: req.socket.remotePort ?? 0 });
      const a = next.shift() ?? { status: 200, body: JSON.stringify({ ok: true, ts: '1.000001' }) };
      if (a === 'hang') return;
      if (a === 'reset') return void req.socket.destroy();
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  web = createWebPost({ token: 'xoxb-lean', apiUrl, timeoutMs: 300 });
});

afterAll(async () => {
  web.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  next = [];
  seen.length = 0;
});

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected the call to fail'); }, (e: Error & Record<string, unknown>) => e);

describe('lean Slack Web API client', () => {
  it('posts a write method as JSON with the bot token, and resolves with the answer', async () => {
    const r = await web.call('chat.postMessage', { channel: 'D1', text: '你好 & bye', unfurl_links: false, blocks: [{ type: 'section' }], metadata: { event_type: 'x' }, thread_ts: undefined });
    expect(r).toMatchObject({ ok: true, ts: '1.000001' });
    const [call] = seen;
    expect(call!.url).toBe('/api/chat.postMessage');
    expect(call!.headers.authorization).toBe('Bearer xoxb-lean');
    expect(call!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(call!.body)).toEqual({ channel: 'D1', text: '你好 & bye', unfurl_links: false, blocks: [{ type: 'section' }], metadata: { event_type: 'x' } });
  });

  it('posts a read method form-encoded as @slack/web-api does: objects as JSON, undefined and null left out', async () => {
    await web.call('conversations.history', { channel: 'D1', oldest: '1.5', include_all_metadata: true, limit: 200, cursor: undefined, x: null, o: { a: 1 } });
    const [call] = seen;
    expect(call!.url).toBe('/api/conversations.history');
    expect(call!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(call!.body))).toEqual({ channel: 'D1', oldest: '1.5', include_all_metadata: 'true', limit: '200', o: '{"a":1}' });
  });

  it('sends consecutive calls over one kept-alive connection', async () => {
    await web.call('chat.postMessage', { channel: 'D1', text: 'a' });
    await web.call('chat.postMessage', { channel: 'D1', text: 'b' });
    await web.call('conversations.history', { channel: 'D1' });
    expect(new Set(seen.map((s) => s.port)).size).toBe(1);
  });

  it('429: a retryable error carrying Retry-After in ms; without the header, none', async () => {
    next = [{ status: 429, headers: { 'retry-after': '3' } }, { status: 429 }];
    const e = await failure(web.call('chat.postMessage', { channel: 'D1', text: 'x' }));
    expect(e.retryAfterMs).toBe(3000);
    expect(e.code).not.toBe(PLATFORM_ERROR);
    const bare = await failure(web.call('chat.postMessage', { channel: 'D1', text: 'x' }));
    expect(bare.retryAfterMs).toBeUndefined();
    expect(bare.message).toContain('429');
  });

  it('5xx and unreadable answers: retryable errors naming the status, not platform errors', async () => {
    next = [{ status: 503, body: 'upstream down' }, { status: 200, body: '<html>' }];
    const e = await failure(web.call('chat.postMessage', { channel: 'D1', text: 'x' }));
    expect(e.message).toContain('HTTP 503');
    expect(e.code).not.toBe(PLATFORM_ERROR);
    const bad = await failure(web.call('chat.postMessage', { channel: 'D1', text: 'x' }));
    expect(bad.code).not.toBe(PLATFORM_ERROR);
    expect(bad.message).toContain('unreadable');
  });

  it('a call with no answer times out (retryable), and the next call still goes through', async () => {
    next = ['hang'];
    const t0 = Date.now();
    const e = await failure(web.call('chat.postMessage', { channel: 'D1', text: 'x' }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(e.message).toContain('timed out');
    expect(e.code).not.toBe(PLATFORM_ERROR);
    await expect(web.call('chat.postMessage', { channel: 'D1', text: 'y' })).resolves.toMatchObject({ ok: true });
  });

  it('a connection closed without an answer is a retryable error', async () => {
    next = ['reset', 'reset'];
    const e = await failure(web.call('chat.postMessage', { channel: 'D1', text: 'x' }));
    expect(e.code).not.toBe(PLATFORM_ERROR);
    expect(e.message).toContain('chat.postMessage failed');
  });

  it('ok:false: the SDK\'s platform error shape, with Slack\'s answer as data', async () => {
    next = [{ status: 200, body: JSON.stringify({ ok: false, error: 'channel_not_found' }) }];
    const e = await failure(web.call('chat.postMessage', { channel: 'D404', text: 'x' }));
    expect(e.code).toBe(PLATFORM_ERROR);
    expect(e.message).toBe('An API error occurred: channel_not_found');
    expect(e.data).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it('nothing listening: a retryable error', async () => {
    const dead = createWebPost({ token: 'xoxb-x', apiUrl: 'http://127.0.0.1:9/api/', timeoutMs: 2000 });
    const e = await failure(dead.call('chat.postMessage', { channel: 'D1', text: 'x' }));
    dead.close();
    expect(e.code).not.toBe(PLATFORM_ERROR);
  });
});

describe('retryAfterMs', () => {
  it('reads whole and fractional seconds; absent, negative or non-numeric is undefined', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('-1')).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
