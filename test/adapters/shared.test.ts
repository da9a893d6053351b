/** The pieces both adapters share: rate limiting, dedupe, in-flight tracking, signal handling, CLI checks. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DedupeSet } from '../../adapters/dedupe.js';
import { InFlight } from '../../adapters/inflight.js';
import { RateLimiter, guessLocale, rateLimitText } from '../../adapters/rate-limit.js';
import { serveUntilSignal } from '../../adapters/serve.js';
import { configureLog } from '../../log.js';

configureLog({ level: 'silent' });

describe('rate limiter', () => {
  it('allows N per minute per user, notifies once, then frees up as the window slides', () => {
    let now = 0;
    const rl = new RateLimiter({ perWindow: 2, now: () => now });
    expect([rl.check('a'), rl.check('a'), rl.check('a'), rl.check('a'), rl.check('b')]).toEqual(['allow', 'allow', 'limit-notify', 'limit-silent', 'allow']);
    now = 30_000;
    expect(rl.check('a')).toBe('limit-silent');
    now = 60_001;
    expect(rl.check('a')).toBe('allow');
  });

  it('speaks the user language', () => {
    expect(guessLocale('你好 there')).toBe('zh');
    expect(guessLocale('hello')).toBe('en');
    expect(rateLimitText('zh', 20)).toContain('20');
  });

  it('says the dropped message was not processed and asks to send it again', () => {
    expect(rateLimitText('zh', 20)).toMatch(/没有处理.*重新发送/);
    expect(rateLimitText('en', 20)).toMatch(/NOT processed.*send it again/);
  });
});

describe('dedupe', () => {
  it('claims atomically across several keys and forgets after the TTL', () => {
    let now = 0;
    const d = new DedupeSet({ ttlMs: 1000, now: () => now });
    expect(d.claim('event:1', 'msg:a')).toBe(true);
    expect(d.claim('event:2', 'msg:a')).toBe(false); // same message, new event id
    expect(d.claim('event:2', 'msg:b')).toBe(true); // event:2 was not recorded by the failed claim
    expect(d.claim(undefined, '')).toBe(true);
    now = 1500;
    expect(d.claim('event:1')).toBe(true);
  });

  it('stays bounded', () => {
    const d = new DedupeSet({ max: 10 });
    for (let i = 0; i < 100; i++) d.claim(`k${i}`);
    expect(d.claim('k0')).toBe(true);
    expect(d.claim('k99')).toBe(false);
  });
});

describe('in-flight turns', () => {
  it('drains, or gives up after the timeout and says how many are left', async () => {
    const f = new InFlight();
    let done = false;
    void f.run(async () => {
      await new Promise((r) => setTimeout(r, 50));
      done = true;
    });
    void f.run(async () => {
      throw new Error('swallowed');
    });
    expect(await f.drain(1000)).toBe(0);
    expect(done).toBe(true);
    void f.run(() => new Promise((r) => setTimeout(r, 500)));
    expect(await f.drain(20)).toBe(1);
  });
});

describe('serveUntilSignal', () => {
  afterEach(() => vi.restoreAllMocks());

  it('on SIGTERM stops the adapter, then closes the bot, and returns 0', async () => {
    const sigtermBefore = process.listenerCount('SIGTERM');
    const order: string[] = [];
    const served = serveUntilSignal({
      name: 'test',
      start: async () => order.push('start'),
      stop: async () => {
        await new Promise((r) => setTimeout(r, 30));
        order.push('stop');
      },
      close: async () => void order.push('close'),
    });
    await new Promise((r) => setTimeout(r, 20));
    process.emit('SIGTERM');
    expect(await served).toBe(0);
    expect(order).toEqual(['start', 'stop', 'close']);
    expect(process.listenerCount('SIGTERM')).toBe(sigtermBefore);
  });

  it('a failed start cleans up and rethrows', async () => {
    const close = vi.fn(async () => undefined);
    await expect(serveUntilSignal({ name: 'test', start: async () => Promise.reject(new Error('no auth')), stop: async () => undefined, close })).rejects.toThrow('no auth');
    expect(close).toHaveBeenCalled();
  });
});

describe('CLI commands', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('print usage and refuse to start without credentials', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    for (const k of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET']) delete process.env[k];
    process.env.WUYIN_LOG_LEVEL = 'silent';
    const slack = await import('../../cli/slack.js');
    const dingtalk = await import('../../cli/dingtalk.js');
    expect(await slack.run(['--help'])).toBe(0);
    expect(await dingtalk.run(['--help'])).toBe(0);
    expect(await slack.run([])).toBe(2);
    process.env.SLACK_BOT_TOKEN = 'xoxb-1';
    expect(await slack.run([])).toBe(2);
    process.env.SLACK_SIGNING_SECRET = 'secret-1';
    expect(await slack.run(['--port', 'abc'])).toBe(2);
    expect(await dingtalk.run([])).toBe(2);
    const printed = err.mock.calls.map((c) => String(c[0])).join('');
    expect(printed).toContain('SLACK_BOT_TOKEN is required');
    expect(printed).toContain('SLACK_SIGNING_SECRET');
    expect(printed).toContain('DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are required');
    expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain('Usage: wuyin slack');
  });
});
