/**
 * Revoking report links, through the real bot and the real report server on loopback: the person
 * a report is about revokes their own links in chat (nobody else's), the page then answers the same 404
 * as an unknown token; a redelivered revoke is answered once; forget deletes the rows (404); the
 * operator revokes any link with `wuyin links revoke`, listed without tokens by `wuyin links`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/index.js';
import { SessionStateSchema } from '../../bot/session.js';
import { startReportServer } from '../../report/server.js';
import { makeBot, tmpDir } from '../bot/helpers.js';

let bot: Bot;
let dir: string;
let server: { port: number; close(): Promise<void> };
const get = (t: string) => fetch(`http://127.0.0.1:${server.port}/reports/${t}`, { headers: { connection: 'close' } }).then(async (r) => ({ status: r.status, text: await r.text() }));
let n = 0;
const say = (conversationId: string, userId: string, text: string, messageId = `m${++n}`) =>
  bot.handle({ platform: 'test', conversationId, userId, messageId, text }).then((rs) => rs.map((r) => r.text).join('\n'));

beforeAll(async () => {
  dir = tmpDir('wuyin-revoke-');
  bot = await makeBot(dir);
  server = await startReportServer({
    links: bot.reportLinks, rubric: bot.rubric,
    loadState: async (id) => (await bot.store.getState(id, { schema: SessionStateSchema })) ?? undefined,
  }, 0, '127.0.0.1');
  for (const [c, u] of [['c-a', 'u-a'], ['c-b', 'u-b']]) for (const line of ['开始', '全部', '1', '3']) await say(c!, u!, line);
});
afterAll(async () => {
  await server?.close();
  await bot?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('revoking report links', () => {
  it('only the person revokes their own links in chat; the page then answers 404', async () => {
    const a = await bot.reportLinks.create({ conversationId: 'c-a', userId: 'u-a', locale: 'zh' }, 86_400_000);
    const b = await bot.reportLinks.create({ conversationId: 'c-b', userId: 'u-b', locale: 'en' }, 86_400_000);
    expect((await get(a.token)).status).toBe(200);
    // Someone else's revoke leaves a's link alone.
    expect(await say('c-b', 'u-b', 'revoke report links')).toContain('Revoked 1');
    expect((await get(a.token)).status).toBe(200);
    const page = await get(b.token);
    expect(page.status).toBe(404);
    expect(page.text).toBe((await get('A'.repeat(43))).text);
    // The owner's revoke, then its redelivery: answered from the store, nothing revoked twice.
    const first = await say('c-a', 'u-a', '撤销报告链接', 'revoke-a');
    expect(first).toContain('已撤销你的 1 个报告链接');
    expect(await say('c-a', 'u-a', '撤销报告链接', 'revoke-a')).toBe(first);
    const gone = await get(a.token);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('已撤销');
    expect(await say('c-a', 'u-a', '撤销报告链接')).toContain('没有仍然有效的报告链接');
    // The interview is untouched by the command.
    const state = await bot.store.getState('c-a', { schema: SessionStateSchema });
    expect(Object.keys(state!.answers)).toEqual(['1.1']);
  });

  it('forget deletes the person\'s link rows: the link is then unknown (404)', async () => {
    const a = await bot.reportLinks.create({ conversationId: 'c-a', userId: 'u-a', locale: 'zh' }, 86_400_000);
    await say('c-a', 'u-a', '删除我的数据');
    await say('c-a', 'u-a', '确认');
    expect(await bot.reportLinks.list({ userId: 'u-a' })).toEqual([]);
    expect((await get(a.token)).status).toBe(404);
  });

  it('the operator lists links without tokens and revokes one by its id with wuyin links', async () => {
    const c = await bot.reportLinks.create({ conversationId: 'c-b', userId: 'u-b', locale: 'zh' }, 86_400_000);
    const env = { ...process.env, WUYIN_DATA_DIR: dir, WUYIN_LOG_LEVEL: 'error', OPENAI_API_KEY: '', WUYIN_DATABASE_URL: '' };
    const listed = JSON.parse(execFileSync('node', ['bin/wuyin.mjs', 'links', '--user', 'u-b', '--json'], { encoding: 'utf8', env })) as Array<{ id: string; revokedAt?: string }>;
    expect(JSON.stringify(listed)).not.toContain(c.token);
    const live = listed.filter((l) => !l.revokedAt);
    expect(live).toHaveLength(1);
    const r = spawnSync('node', ['bin/wuyin.mjs', 'links', 'revoke', live[0]!.id], { encoding: 'utf8', env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('revoked 1');
    expect((await get(c.token)).status).toBe(404);
    const again = spawnSync('node', ['bin/wuyin.mjs', 'links', 'revoke', `https://x.example/reports/${c.token}`], { encoding: 'utf8', env });
    expect(again.status).toBe(1);
    expect(spawnSync('node', ['bin/wuyin.mjs', 'links', 'revoke'], { encoding: 'utf8', env }).status).toBe(2);
  }, 60_000);
});
