import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/index.js';
import { SessionStateSchema, type SessionState } from '../../bot/session.js';
import { chatter, makeBot, tmpDir } from './helpers.js';

let bot: Bot;
beforeAll(async () => { bot = await makeBot(); });
afterAll(async () => { await bot.close(); });
const state = (conv: string) => bot.store.getState<SessionState>(conv, { schema: SessionStateSchema });

async function atQuestion(conv: string, user = 'u1') {
  const c = chatter(bot, conv, user);
  await c.say('开始'); await c.say('全部'); await c.say('2');
  return c;
}

describe('the orchestrator', () => {
  it('processes a repeated message id once and returns the same replies', async () => {
    const c = await atQuestion('dup');
    const first = await c.send('3', 'same-id');
    const again = await c.send('3', 'same-id');
    expect(again).toEqual(first);
    expect((await (await state('dup')))!.index).toBe(1);
    expect((await bot.store.transcript('dup')).filter((e) => e.messageId === 'same-id' && e.role === 'user').length).toBe(1);
  });

  it('runs two concurrent turns of one conversation one at a time', async () => {
    const c = await atQuestion('conc');
    await Promise.all([c.send('2', 'a'), c.send('4', 'b')]);
    const s = (await (await state('conc')))!;
    expect(s.index).toBe(2);
    expect(s.answers['1.1']!.level).toBe(2);
    expect(s.answers['1.2']!.level).toBe(4);
  });

  it('answers bad input clearly and leaves the session unchanged', async () => {
    const c = await atQuestion('bad');
    const before = JSON.stringify((await state('bad')));
    const inputs = ['', '   \n\t ', 'x'.repeat(1_000_000), '\u0000\u0001\u0002', '\ud800', '🔥'.repeat(2000), '\u202eنص من اليمين إلى اليسار', '<script>alert(1)</script>', '[click](http://evil.example) <!channel> @all'];
    for (const text of inputs) {
      const replies = await c.send(text);
      expect(replies.length).toBeGreaterThan(0);
      expect(replies[0]!.text.length).toBeGreaterThan(0);
      expect(replies.map((r) => r.kind)).not.toContain('proposal');
      expect(JSON.stringify((await state('bad')))).toBe(before);
    }
    expect((await c.send('x'.repeat(9000)))[0]!.text).toContain('上限8000字');
  });

  it('rejects a malformed message without touching any session', async () => {
    const r = await bot.handle({ platform: 'nope', conversationId: '', userId: 'u', messageId: 'm', text: 'hi' } as never);
    expect(r[0]!.kind).toBe('error');
    expect(await bot.handle(null as never)).toHaveLength(1);
  });

  it('forget deletes every row of that user and only that user', async () => {
    await atQuestion('f1', 'forget-me');
    await atQuestion('f2', 'keep-me');
    const c = chatter(bot, 'f1', 'forget-me');
    const r = c.text(await c.send('删除我的数据', 'f1-forget'));
    expect(r).toContain('已删除你的全部数据');
    expect(await bot.store.listConversations('forget-me')).toEqual([]);
    expect(await bot.store.transcript('f1')).toEqual([]);
    expect((await state('f1'))).toBeUndefined();
    expect((await state('f2'))).toBeDefined();
  });
});

describe('processed-message ids', () => {
  it('are pruned when the bot starts, after WUYIN_DEDUPE_DAYS', async () => {
    const dir = tmpDir();
    const first = await makeBot(dir);
    await chatter(first, 'c-prune').send('你好', 'old-id');
    await first.close();
    // Age the stored id by rewriting its timestamp, as if it were written ten days ago.
    const db = new Database(path.join(dir, 'wuyin.sqlite'));
    db.prepare("UPDATE processed_messages SET created_at = ? WHERE message_id = 'old-id'").run(new Date(Date.now() - 10 * 86_400_000).toISOString());
    db.close();
    const kept = await makeBot(dir, { WUYIN_DEDUPE_DAYS: '30' });
    await kept.close();
    const count = () => { const d = new Database(path.join(dir, 'wuyin.sqlite'), { readonly: true }); try { return d.prepare('SELECT COUNT(*) FROM processed_messages').pluck().get(); } finally { d.close(); } };
    expect(count()).toBe(1);
    const pruned = await makeBot(dir, { WUYIN_DEDUPE_DAYS: '7' });
    await pruned.close();
    expect(count()).toBe(0);
  });
});

describe('resume after a restart', () => {
  it('a new process on the same database continues the conversation', () => {
    const dir = tmpDir();
    const env = { ...process.env, WUYIN_DATA_DIR: dir, WUYIN_LOG_LEVEL: 'error' };
    const run = (input: string) => execFileSync('node', ['bin/wuyin.mjs', 'chat', '--user', 'resumer'], { input, env, encoding: 'utf8' });
    run('开始\n全部\n2\n3\n');
    const second = run('进度\n');
    expect(second).toContain('已回答 1/25');
    expect(second).toContain('当前：1.2 网络与计算');
  });
});
