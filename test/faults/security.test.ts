import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../bot/index.js';
import { loadConfig } from '../../config.js';
import { configureLog } from '../../log.js';
import { childEnv, freshDataDir } from './fixtures/data-dir.js';
import { judgement, startStandIn, type StandIn } from './fixtures/llm-stand-in.js';

/**
 * Secrets come from the environment and never reach output or logs, even when the LLM server
 * echoes the key back in an error; and 删除我的数据 leaves no row of that user in any table.
 */
configureLog({ level: 'silent' });
const ROOT = path.resolve(import.meta.dirname, '../..');

const SECRETS = {
  OPENAI_API_KEY: 'sk-test-9f8e7d6c5b4a39281706fedcba',
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-SECRETBOTTOKEN',
  SLACK_SIGNING_SECRET: 'signing-secret-5e5e5e5e5e5e',
  SLACK_APP_TOKEN: 'xapp-1-A111-SECRETAPPTOKEN',
  DINGTALK_CLIENT_SECRET: 'dingtalk-secret-7a7a7a7a7a7a',
};

describe('secrets never reach a log', () => {
  let standIn: StandIn;
  let judged = 0;
  beforeAll(async () => {
    standIn = await startStandIn((r) => {
      if (r.kind === 'answer') {
        // Like OpenAI's own 401, the error repeats the key it was given.
        return { status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${r.authorization?.replace('Bearer ', '')}`, type: 'invalid_request_error', code: 'invalid_api_key' } }) };
      }
      judged++;
      return judged === 1 ? { reply: judgement(3, 0.9) } : { status: 400, body: JSON.stringify({ error: { message: `bad request for key ${SECRETS.OPENAI_API_KEY}` } }) };
    });
  });
  afterAll(async () => { await standIn?.close(); });

  it('a full scripted chat with the LLM on, logging at debug, prints no secret value', async () => {
    const dir = await freshDataDir();
    const script = path.join(dir, 'chat.txt');
    fs.writeFileSync(script, ['开始', '全部', '1', '我们的数据大部分还在各部门的Excel里，只有财务系统上了云。', '对', '什么是数据治理与管控？', '门店和会员都已经在线上触达，数据实时回流到中台。', '3', '4', '2', '3', '4', '2', '报告', ''].join('\n'));
    const r = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/wuyin.mjs', 'chat', '--script', script, '--user', 'sec'], {
        cwd: ROOT,
        env: childEnv({ WUYIN_DATA_DIR: dir, WUYIN_LOG_LEVEL: 'debug', OPENAI_LOG: 'debug', OPENAI_BASE_URL: standIn.baseURL, WUYIN_LLM_TIMEOUT_MS: '2000', DINGTALK_CLIENT_ID: 'ding-client-id', ...SECRETS }),
      });
      let out = '';
      child.stdout.on('data', (d) => { out += d; });
      child.stderr.on('data', (d) => { out += d; });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(r.code).toBe(0);
    // The key was really in use, and the server really echoed it back, so a leak had its chance.
    expect(standIn.requests.length).toBeGreaterThanOrEqual(3);
    expect(standIn.requests.every((q) => q.authorization === `Bearer ${SECRETS.OPENAI_API_KEY}`)).toBe(true);
    expect(r.out).toContain('LLM enabled');
    expect(r.out).toContain('[redacted]');
    expect(r.out).toContain('评估完成');
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(r.out.includes(value), `${name} leaked`).toBe(false);
      // Nor a long prefix of it (e.g. a truncated error message).
      expect(r.out.includes(value.slice(0, 16)), `a prefix of ${name} leaked`).toBe(false);
    }
  });
});

describe('删除我的数据 removes every row of that user', () => {
  it('leaves nothing of the user in any table, and everything of another user', async () => {
    const dir = await freshDataDir();
    const bot = await createBot(loadConfig({ WUYIN_DATA_DIR: dir }));
    let n = 0;
    const say = (conv: string, user: string, text: string) => bot.handle({ platform: 'test', conversationId: conv, userId: user, messageId: `m${++n}`, text });
    const MARK = '独特标记甲乙丙';
    // A full quick interview, a free-text answer carrying a marker, a question, the report; in two conversations.
    // The free text is settled with a digit: it answers a proposal and a follow-up alike (which one comes
    // depends on the calibrated confidence, not on what this test is about).
    for (const conv of ['gone-dm', 'gone-thread']) {
      for (const t of ['开始', '全部', '1', `我们的数据都放在云上统一存储，有异地灾备。${MARK}`, '4', '3', '什么是数据治理？', '4', '2', '5', '报告']) await say(conv, 'gone', t);
    }
    // Another user in their own conversation, and speaking in one of the forgotten user's threads.
    for (const t of ['开始', '全部', '1', '3']) await say('stays-dm', 'stays', t);
    expect((await say('stays-dm', 'stays', '4'))[0]!.kind).not.toBe('error');
    expect(await bot.store.answers('gone-dm')).toHaveLength(5);
    // Both also answer in a team campaign, the forgotten user with words carrying the marker.
    const { campaignCommand } = await import('../../bot/team/commands.js');
    const made = await campaignCommand({ store: bot.campaigns, rubric: bot.rubric, now: new Date() }, ['create'], new Map<string, string | true>([['org', 'Org'], ['roles', 'IT'], ['json', true]]));
    const code = JSON.parse(made.out).code as string;
    for (const [conv, user] of [['gone-team', 'gone'], ['stays-team', 'stays']]) {
      for (const t of [`加入 ${code}`, '1', `全靠人工记账${user === 'gone' ? MARK : ''}`, '1']) await say(conv!, user!, t);
    }
    expect(await bot.campaigns.answers(JSON.parse(made.out).id, 'gone')).not.toHaveLength(0);
    await say('gone-team', 'gone', '加入 AAA-BBBB-CCC');

    // And each has a link to their report.
    await bot.reportLinks.create({ conversationId: 'gone-dm', userId: 'gone', locale: 'zh' }, 86_400_000);
    await bot.reportLinks.create({ conversationId: 'stays-dm', userId: 'stays', locale: 'zh' }, 86_400_000);
    const reply = await say('gone-dm', 'gone', '删除我的数据');
    expect(reply[0]!.text).toContain('已删除你的全部数据');
    await bot.close();

    const db = new Database(path.join(dir, 'wuyin.sqlite'), { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
      expect(tables.sort()).toEqual(['answers', 'campaigns', 'conversations', 'inbox', 'join_attempts', 'join_codes', 'leases', 'organisations', 'past_assessments',
        'processed_messages', 'quarantine', 'rate_windows', 'replies', 'report_links', 'respondents', 'team_answers', 'team_overrides', 'team_schema', 'turns']);
      // What the forget request itself leaves: its message id (so a redelivery is answered, not run
      // again) and its confirmation, which holds counts only, under no user.
      const forgetId = `m${n}`;
      const kept = db.prepare('SELECT user_id, body FROM replies WHERE message_id = ?').all(forgetId) as Array<{ user_id: string; body: string }>;
      expect(kept).toHaveLength(1);
      expect(kept[0]!.body).toContain('已删除你的全部数据');
      let stays = 0;
      for (const table of tables) {
        const rows = (db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>).filter((r) => r.message_id !== forgetId);
        for (const row of rows) {
          const values = Object.values(row).map((v) => String(v));
          expect(values, `${table} still has a row of the forgotten user`).not.toContain('gone');
          expect(values.some((v) => /:gone(-dm|-thread)?$/.test(v)), `${table} still names the forgotten user in a key`).toBe(false);
          expect(values.some((v) => v === 'gone-dm' || v === 'gone-thread'), `${table} still has a row of a forgotten conversation`).toBe(false);
          expect(values.some((v) => v.includes(MARK)), `${table} still holds the forgotten user's words`).toBe(false);
          if (values.includes('stays')) stays++;
        }
      }
      expect(stays).toBeGreaterThan(0);
      expect(db.prepare("SELECT COUNT(*) FROM answers WHERE user_id = 'stays'").pluck().get()).toBe(3); // two in the DM, one in the campaign
      expect(db.prepare("SELECT COUNT(*) FROM team_answers WHERE user_id = 'stays'").pluck().get()).toBe(1);
    } finally {
      db.close();
    }
    // Nor in the bytes of the file: freed pages are zeroed (secure_delete), so the words are gone
    // from disk once the WAL is checkpointed at close, not merely unlinked from the b-tree.
    for (const f of fs.readdirSync(dir).filter((x) => x.startsWith('wuyin.sqlite'))) {
      expect(fs.readFileSync(path.join(dir, f)).includes(Buffer.from(MARK)), `${f} still holds the forgotten words`).toBe(false);
    }
  });
});
